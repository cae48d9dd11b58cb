// The store's size cap and disk watermarks on a real OpenSearch node. A plain otel-logs index from
// before the rollover layout (a stack upgraded in place): log records of the last 30 hours (random
// text, so the documents and not the indices' fixed files make the size) and an old dated index (as
// Jaeger's were); with a cap under what they take, the oldest records are deleted by query until the
// store is back under it, the newest stay, the dated index older than the cut is dropped; under the
// cap nothing is touched. Then the rollover layout: written in batches through the alias, the write
// index rolls over at the slice, the oldest index is dropped whole once over the cap, and the cap
// holds; Jaeger's alias rolls over too, its new index readable. The watermarks read back as the
// budget's free-space figures.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { count as countDocuments } from "../../src/backends/index.ts";
import { aliasIndices, clusterSettings, deleteIndices, indexExists } from "../../src/backends/elasticsearch-admin.ts";
import { bulk, forceMerge, indexDocument, shardProgress } from "../../src/backends/elasticsearch-data.ts";
import { opensearchComponent } from "../../src/stack/components/opensearch.ts";
import { provisionOpenSearch } from "../../src/stack/provision/opensearch.ts";
import { enforceSizeCap, storeBytes, type CapOutcome } from "../../src/stack/retention/size-cap.ts";
import { applyRollover } from "../../src/stack/retention/rollover.ts";
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

    it("with a plain otel-logs index from before, leaves it plain and over the cap deletes the oldest records down to 80 % of it, dropping the dated index older than the cut", async () => {
      assert.deepEqual(await applyRollover(url), ["otel-logs"]);
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

    it("rolls the alias over at the slice, drops the oldest index whole once over the cap, and holds the cap", async () => {
      await deleteIndices(url, ["otel-logs"]);
      assert.deepEqual(await applyRollover(url), [], "every alias made, the plain index gone");
      const cap = 3 * 2 ** 20;
      const sliceBytes = 2 ** 19;
      const outcomes: CapOutcome[] = [];
      const writeIndex = async (alias: string) => (await aliasIndices(url))[alias]!.find(({ write }) => write)!.index;
      // Until a few batches after the first drop: how many it takes depends on when OpenSearch flushes
      // its translog (most of a fresh batch's bytes, a third of what its segments take once flushed).
      let lastBatch = 63;
      for (let batch = 0; batch <= lastBatch; batch++) {
        const lines = Array.from({ length: 200 }, (_, i) => [
          { create: { _index: "otel-logs" } },
          { "@timestamp": new Date().toISOString(), Body: `batch-${batch} record ${i} ${randomBytes(600).toString("hex")}`, "Attributes.batch": `b${batch}` },
        ]).flat();
        assert.equal((await bulk(url, lines)).errors, false);
        const outcome = await enforceSizeCap(url, cap, { sliceBytes });
        outcomes.push(outcome);
        const bytes = await storeBytes(url);
        assert.ok(bytes <= cap, `batch ${batch}: ${bytes} bytes after the check, cap ${cap} (${JSON.stringify(outcome)})`);
        assert.equal(outcome.cut, undefined, "nothing deleted by query");
        // The batch just written stays whole, in the write index or the one rolled over just now.
        assert.equal(await count({ term: { "Attributes.batch": `b${batch}` } }), 200, `batch ${batch} found through the alias`);
        if (outcome.droppedIndices.length && lastBatch > batch + 4) lastBatch = batch + 4;
      }
      console.log(outcomes.map(({ bytes, rolledOver, droppedIndices }) => `${bytes} ${rolledOver.join(",")} −${droppedIndices.join(",")}`).join("\n"));
      assert.ok(
        outcomes.some(({ rolledOver }) => rolledOver.includes("otel-logs-000002")),
        "rolled over to otel-logs-000002",
      );
      const dropped = outcomes.flatMap(({ droppedIndices }) => droppedIndices);
      assert.equal(dropped[0], "otel-logs-000001", "the oldest index dropped first");
      assert.equal(await indexExists(url, "otel-logs-000001"), false);
      assert.ok(!dropped.includes(await writeIndex("otel-logs")), "never the write index");
      assert.ok((await count({ match_all: {} })) < outcomes.length * 200, "older batches went with their indices");
    });

    it("rolls Jaeger's span alias over: the new index is in the read alias and takes the writes", async () => {
      const span = (spanID: string) => [
        { index: { _index: "jaeger-jaeger-span-write" } },
        { traceID: "a".repeat(32), spanID, startTime: Date.now() * 1000, blob: randomBytes(2000).toString("hex") },
      ];
      assert.equal((await bulk(url, Array.from({ length: 50 }, (_, i) => span(`${i}`.padStart(16, "0"))).flat())).errors, false);
      const outcome = await enforceSizeCap(url, 10 * 2 ** 30, { sliceBytes: 2 ** 16 });
      assert.ok(outcome.rolledOver.includes("jaeger-jaeger-span-000002"), JSON.stringify(outcome));
      assert.equal((await bulk(url, span("ffffffffffffffff"))).errors, false);
      const aliases = await aliasIndices(url);
      assert.deepEqual(aliases["jaeger-jaeger-span-read"]!.map(({ index }) => index).sort(), ["jaeger-jaeger-span-000001", "jaeger-jaeger-span-000002"]);
      assert.equal(aliases["jaeger-jaeger-span-write"]!.find(({ write }) => write)?.index, "jaeger-jaeger-span-000002");
      assert.equal(await countDocuments(url, "jaeger-jaeger-span-read", { match_all: {} }), 51);
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
