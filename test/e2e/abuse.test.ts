// The hostile-client suite's short version (bench/chaos/abuse; `npm run chaos -- --only abuse` for the
// full sizes and the table): the real stack, then every hostile case at the "short" size, each with a
// canary service sending beside it. Whatever the hostile client gets, the canary is never refused and
// loses nothing, the collector stays up, and the cardinality bomb leaves at most the per-metric cap of
// series (and one overflow series) in Prometheus.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startStack, type RunningStack } from "../../src/stack/stack.ts";
import { abuseCases } from "../../bench/chaos/abuse/cases.ts";
import { abuseNotes, abuseTable, measureCase, type AbuseRow } from "../../bench/chaos/abuse/measure.ts";

const SERIES_PER_METRIC = Number(process.env.COLLECTOR_MAX_SERIES_PER_METRIC ?? 2000);

describe(
  "no hostile client hurts another service",
  { timeout: 20 * 60_000, skip: process.env.OTEL_GATEWAY_SKIP_STACK === "1" && "OTEL_GATEWAY_SKIP_STACK=1" },
  () => {
    let stack: RunningStack;
    const rows: AbuseRow[] = [];
    before(async () => {
      stack = await startStack({ onEvent: (message) => console.log(`[supervisor] ${message}`) });
    });
    after(async () => {
      console.log(`${abuseTable(rows)}\n\n${abuseNotes(rows)}`);
      await stack?.stop();
    });

    for (const abuse of abuseCases("short")) {
      it(`keeps the canary whole through ${abuse.name} (${abuse.load})`, async () => {
        // Shorter watching than the full suite: the canary's own freshness poll waits for the backends.
        const row = await measureCase(stack, abuse, { settleSeconds: 3, freshnessTimeoutS: 90, log: (line) => console.log(line) });
        rows.push(row);
        assert.ok(row.canary.sent > 0, "the canary sent items");
        assert.equal(row.canary.refused, 0, `the canary was refused ${row.canary.refused} times`);
        assert.equal(row.canary.lost, 0, `${row.canary.lost} of ${row.canary.sent} canary items never landed`);
        assert.equal(row.canary.duplicated, 0, `${row.canary.duplicated} extra copies of canary items in a backend`);
        assert.equal(row.collectorRestarts, 0, "the collector restarted");
        // json_limit (collector/gateway.yaml) refuses a body nested past its depth before decoding it.
        if (abuse.name === "deeply nested JSON") assert.deepEqual(row.answers, { 400: 1 }, "the 100,000-deep body refused with 400");
        // The limits processor's cap per metric (collector/gateway.yaml): past it, one overflow series.
        const series = row.figures?.seriesInPrometheus;
        if (series !== undefined)
          assert.ok(series > 0 && series <= SERIES_PER_METRIC + 1, `the bomb left ${series} series in Prometheus (cap ${SERIES_PER_METRIC})`);
      });
    }
  },
);
