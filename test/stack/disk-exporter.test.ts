// The disk exporter as Prometheus scrapes it: each part's bytes under .stack, its cap from
// STACK_DISK_BUDGET, the filesystem's free space and the store's flood stage, in valid exposition.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { AddressInfo } from "node:net";
import { createDiskExporter, diskExposition } from "../../src/stack/disk-exporter.ts";

const sample = (text: string, name: string) => Number(new RegExp(`^${name.replace(/[{}]/g, "\\$&")} (\\S+)$`, "m").exec(text)?.[1]);

describe("the disk exporter", () => {
  it("gives each part's use, the caps of a 1 GiB budget, the free space and the flood stage", () => {
    const text = diskExposition({ STACK_DISK_BUDGET: "1GiB" });
    for (const part of ["store", "prometheus", "queues", "logs", "other"]) assert.ok(sample(text, `stack_disk_used_bytes{part="${part}"}`) >= 0, part);
    assert.equal(sample(text, 'stack_disk_cap_bytes{part="store"}'), 2 ** 29);
    assert.equal(sample(text, 'stack_disk_cap_bytes{part="queues"}'), Math.floor(2 ** 30 * 0.1));
    assert.doesNotMatch(text, /stack_disk_cap_bytes\{part="other"\}/, "what has no cap lives in the headroom");
    assert.equal(sample(text, "stack_disk_budget_bytes"), 2 ** 30);
    assert.equal(sample(text, "stack_store_flood_stage_free_bytes"), Math.floor(2 ** 30 * 0.05));
    assert.ok(sample(text, "stack_filesystem_free_bytes") > 0 && sample(text, "stack_filesystem_free_bytes") <= sample(text, "stack_filesystem_size_bytes"));
  });

  it("serves it on /metrics and answers /health", async () => {
    const server = createDiskExporter().listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const metrics = await fetch(`${url}/metrics`);
      assert.equal(metrics.status, 200);
      assert.match(metrics.headers.get("content-type") ?? "", /^text\/plain; version=0\.0\.4/);
      assert.match(await metrics.text(), /^# TYPE stack_disk_used_bytes gauge$/m);
      assert.equal((await fetch(`${url}/health`)).status, 200);
      assert.equal((await fetch(`${url}/other`)).status, 404);
    } finally {
      server.close();
    }
  });
});
