// `npm run soak` for two minutes against the real stack: it measures (every part's RSS and CPU, every
// backend's disk, the collector's queues, errors and restarts in each sample) and its report has a
// row per part and per capped disk. No figure is judged: growth and timings belong to the 60-minute run.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runSoak } from "../../bench/soak/index.ts";
import { formatSummary } from "../../bench/soak/report.ts";
import { isolateStack } from "../support/stack.ts";

describe("npm run soak, two minutes", { timeout: 8 * 60_000, skip: process.env.OTEL_GATEWAY_SKIP_STACK === "1" && "OTEL_GATEWAY_SKIP_STACK=1" }, () => {
  it("samples every minute and reports growth per part and the days until each cap", async () => {
    await isolateStack();
    const { samples, summary, answers } = await runSoak({ minutes: 2, rate: 2, sampleSeconds: 60 });
    assert.equal(samples.length, 3, "a sample at the start and one a minute after, twice");
    for (const sample of samples) {
      for (const part of ["collector", "opensearch", "prometheus", "jaeger", "matching-api", "disk-metrics"])
        assert.ok(sample.parts[part]!.rssMiB >= sample.parts[part]!.anonMiB && sample.parts[part]!.anonMiB > 0, `${part}'s RSS at ${sample.at} s`);
      assert.ok(sample.disk.store > 0 && sample.disk.prometheus > 0 && sample.disk.logs > 0, JSON.stringify(sample.disk));
      assert.ok(sample.filesystemFree > 0);
      assert.ok(Object.keys(sample.queues).length >= 3, `queues: ${JSON.stringify(sample.queues)}`);
      assert.ok(Number.isFinite(sample.storeDocs), "the store's document count");
      assert.equal(typeof sample.restarts.collector, "number");
    }
    assert.ok(samples.at(-1)!.parts.collector!.cpuMs > samples[0]!.parts.collector!.cpuMs, "the collector's CPU time grows under load");
    assert.ok(samples.at(-1)!.storeDocs > samples[0]!.storeDocs, "the load's log records and spans reach the store");
    assert.ok((answers.match_200 ?? 0) > 0, JSON.stringify(answers));
    assert.deepEqual(summary.disk.map((row) => row.part).sort(), ["logs", "other", "prometheus", "queues", "store"]);
    for (const row of summary.disk.filter((r) => r.part !== "other")) assert.ok(row.cap! > 0 && row.daysToCap !== undefined, JSON.stringify(row));
    const report = formatSummary(summary);
    assert.match(report, /\| opensearch +\| \d+ MiB/);
    assert.match(report, /\| store +\| .+ \| .+ \| .+ \| 5\.0 GiB \| /);
    assert.match(report, /Errors: \d+ failed requests, \d+ items refused by the collector, \d+ failed exports\. Restarts: \d+\./);
  });
});
