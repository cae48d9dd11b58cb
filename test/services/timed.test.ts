// matching-api's scoring metrics, in-process with an in-memory reader: a run that throws is counted
// as an error, with its error.type, and still rethrown; a run that succeeds is counted as a success.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { metrics, type Attributes } from "@opentelemetry/api";
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { timed } from "../../src/services/matching-api/timed.ts";

const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 });

/** The value of a counter's points whose attributes include all of `attributes`, as of now. */
async function counter(name: string, attributes: Record<string, string>): Promise<number> {
  exporter.reset();
  await reader.forceFlush();
  const points = exporter
    .getMetrics()
    .flatMap((resource) => resource.scopeMetrics.flatMap((scope) => scope.metrics))
    .filter((metric) => metric.descriptor.name === name)
    .flatMap((metric) => metric.dataPoints as Array<{ attributes: Attributes; value: unknown }>)
    .filter((point) => Object.entries(attributes).every(([key, value]) => point.attributes[key] === value));
  return points.reduce((sum, point) => sum + Number(point.value), 0);
}

describe("matching-api's timed scoring", () => {
  before(() => {
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
  });

  it("counts a scoring run that throws as an error with its error.type, and rethrows it", async () => {
    const failure = new RangeError("a weight out of range");
    assert.throws(
      () =>
        timed("score_match", () => {
          throw failure;
        }),
      failure,
    );
    assert.equal(await counter("app.operations", { "app.operation": "score_match", "app.outcome": "error" }), 1);
    assert.equal(await counter("app.operation.errors", { "app.operation": "score_match", "error.type": "RangeError" }), 1);
  });

  it("counts a run that returns as a success and hands back its result", async () => {
    assert.equal(
      timed("rank_cvs", () => 42),
      42,
    );
    assert.equal(await counter("app.operations", { "app.operation": "rank_cvs", "app.outcome": "success" }), 1);
    assert.equal(await counter("app.operation.errors", { "app.operation": "rank_cvs" }), 0);
  });
});
