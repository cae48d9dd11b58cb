// STACK_DISK_BUDGET: sizes as people write them, split into the caps; a bad value warns once and the default is used.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { diskBudget, formatBytes, parseBytes, storeWatermarks } from "../../src/config/disk-budget.ts";
import { captureWarnings } from "../support/warnings.ts";

describe("STACK_DISK_BUDGET", () => {
  for (const [text, bytes] of [
    ["10GiB", 10 * 2 ** 30],
    ["512MiB", 512 * 2 ** 20],
    ["2GB", 2e9],
    ["1.5 GiB", 1.5 * 2 ** 30],
    ["300M", 300e6],
    ["300Mi", 300 * 2 ** 20],
    ["1073741824", 2 ** 30],
  ] as const)
    it(`reads ${JSON.stringify(text)} as ${bytes} bytes`, () => assert.equal(parseBytes(text), bytes));

  it("splits the default 10 GiB into the store's 5, Prometheus's 3, four 256 MiB queues and 512 MiB of logs", () => {
    const { total, caps, queueBytes } = diskBudget({});
    assert.equal(total, 10 * 2 ** 30);
    assert.deepEqual(Object.fromEntries(Object.entries(caps).map(([part, cap]) => [part, formatBytes(cap)])), {
      store: "5.0 GiB",
      prometheus: "3.0 GiB",
      queues: "1.0 GiB",
      logs: "512 MiB",
    });
    assert.equal(queueBytes, 268435456, "the queue size gateway.yaml had before the budget");
    assert.ok(Object.values(caps).reduce((a, b) => a + b, 0) < total, "headroom is left for what has no cap");
  });

  it("sets the store's watermarks at 15, 10 and 5 % of the budget as free space", () => {
    assert.deepEqual(storeWatermarks({ total: 1000 }), { low: 150, high: 100, floodStage: 50 });
  });

  it("warns once about an unreadable or too small budget, naming the default it uses", async () => {
    const warnings = await captureWarnings(() => {
      assert.equal(diskBudget({ STACK_DISK_BUDGET: "lots" }).text, "10GiB");
      assert.equal(diskBudget({ STACK_DISK_BUDGET: "lots" }).text, "10GiB");
      assert.equal(diskBudget({ STACK_DISK_BUDGET: "1MiB" }).total, 10 * 2 ** 30);
    });
    assert.deepEqual(warnings, [
      'STACK_DISK_BUDGET="lots" is not a size of at least 64MiB (e.g. 10GiB); using "10GiB"',
      'STACK_DISK_BUDGET="1MiB" is not a size of at least 64MiB (e.g. 10GiB); using "10GiB"',
    ]);
  });
});
