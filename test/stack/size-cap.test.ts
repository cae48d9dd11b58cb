// The store's size cap and disk watermarks on a real OpenSearch node: log records of the last 30
// hours (random text, so the documents and not the indices' fixed files make the size) and an old
// dated index (as Jaeger's are); with a cap under what they take, the oldest go until the store is
// back under it, the newest stay, the dated index older than the cut is dropped; under the cap
// nothing is touched. The watermarks read back as the budget's free-space figures.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { count as countDocuments } from "../../src/backends/index.ts";
import { clusterSettings, indexExists } from "../../src/backends/elasticsearch-admin.ts";
import { bulk, forceMerge, indexDocument, shardProgress } from "../../src/backends/elasticsearch-data.ts";
import { opensearchComponent } from "../../src/stack/components/opensearch.ts";
import { provisionOpenSearch } from "../../src/stack/provision/opensearch.ts";
import { enforceSizeCap, storeBytes } from "../../src/stack/retention/size-cap.ts";
import { applyWatermarks } from "../../src/stack/retention/watermarks.ts";
import { diskBudget } from "../../src/config/disk-budget.ts";
import { applyStoreMapping } from "../../src/stack/store-mapping.ts";
import { Supervisor } from "../../src/stack/supervisor.ts";
import { freePort } from "../support/ports.ts";
import { pollUntil } from "../../src/lifecycle/poll.ts";

const HOUR_MS = 3_600_000;
const HOURS = 30;
const PER_HOUR = 100;

describe(
  "the store's size cap on a real OpenSearch node",
  { timeout: 8 * 60_000, skip: process.env.OTEL_GATEWAY_SKIP_STACK === "1" && "OTEL_GATEWAY_SKIP_STACK=1" },
  () => {
    const supervisor = new Supervisor(mkdtempSync(join(tmpdir(), "size-cap-")));
    let url: string;
    const count = (query: object) => countDocuments(url, "otel-logs", query);

    before(async () => {
      const [{ java, jar }, port, transportPort] = await Promise.all([provisionOpenSearch(), freePort(), freePort()]);
      const node = await supervisor.start(
        opensearchComponent({ java, jar, port, transportPort, dataDir: mkdtempSync(join(tmpdir(), "opensearch-")), javaOpts: "-Xms256m -Xmx512m" }),
      );
      url = node.component.url;
      await applyStoreMapping(url);
      const now = Date.now();
      const lines = Array.from({ length: HOURS * PER_HOUR }, (_, i) => {
        const at = new Date(now - (HOURS - Math.floor(i / PER_HOUR) - 0.5) * HOUR_MS).toISOString();
        return [
          { create: { _index: "otel-logs" } },
          { "@timestamp": at, Body: `record ${i} ${randomBytes(600).toString("hex")}`, "Resource.service.name": "size-cap-test" },
        ];
      }).flat();
      const written = await bulk(url, lines);
      assert.equal(written.errors, false, JSON.stringify(written.items.find((item) => Object.values(item)[0]!.error)));
      await indexDocument(url, "jaeger-span-2020-01-01", { startTime: 0 });
      // One segment each, so the size measured is the documents', not merges in flight.
      await forceMerge(url, undefined, { maxSegments: 1 }, { timeoutMs: 60_000 });
      // A deleted document's space is kept (soft delete) until the shard's retention lease has passed
      // it; the lease is renewed in the background (every 30 s): records minutes old, as in a running
      // stack, are long past it.
      await pollUntil(
        async () => (await shardProgress(url, "otel-logs")).every(({ maxSeqNo, leases }) => leases.every((lease) => lease > maxSeqNo)),
        "the retention lease to pass the records written",
        { timeoutMs: 120_000, intervalMs: 2_000 },
      );
    });
    after(() => supervisor.stopAll());

    it("does nothing under the cap", async () => {
      const outcome = await enforceSizeCap(url, 10 * 2 ** 30);
      assert.equal(outcome.cut, undefined);
      assert.equal(await count({ match_all: {} }), HOURS * PER_HOUR);
    });

    it("over the cap, deletes the oldest records down to 80 % of it and drops the dated index older than the cut", async () => {
      const before = await storeBytes(url);
      const cap = Math.floor(before * 0.6);
      const outcome = await enforceSizeCap(url, cap);
      assert.ok(outcome.cut !== undefined && outcome.deleted > 0, JSON.stringify(outcome));
      assert.equal(await count({ range: { "@timestamp": { lt: outcome.cut, format: "epoch_millis" } } }), 0, "nothing older than the cut is left");
      const left = await count({ match_all: {} });
      // 80 % of 60 %: about half the records stay, the newest.
      assert.ok(left > HOURS * PER_HOUR * 0.3 && left < HOURS * PER_HOUR * 0.7, `${left} records left`);
      assert.equal(await count({ range: { "@timestamp": { gte: "now-2h" } } }), PER_HOUR * 2, "the last two hours are whole");
      assert.deepEqual(outcome.droppedIndices, ["jaeger-span-2020-01-01"]);
      assert.equal(await indexExists(url, "jaeger-span-2020-01-01"), false);
      const after = await storeBytes(url);
      assert.ok(after <= cap, `${after} bytes after, cap ${cap} (${before} before)`);
    });

    it("sets the disk watermarks to the budget's free-space figures", async () => {
      await applyWatermarks(url, diskBudget({ STACK_DISK_BUDGET: "1GiB" }));
      const settings = await clusterSettings(url);
      assert.deepEqual(Object.fromEntries(Object.entries(settings).filter(([key]) => key.startsWith("cluster.routing.allocation.disk"))), {
        "cluster.routing.allocation.disk.threshold_enabled": "true",
        "cluster.routing.allocation.disk.watermark.low": "153mb",
        "cluster.routing.allocation.disk.watermark.high": "102mb",
        "cluster.routing.allocation.disk.watermark.flood_stage": "51mb",
      });
    });
  },
);
