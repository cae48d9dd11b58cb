// The metric views every reader shares: per-request attributes never reach a metric's labels.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AggregationTemporality, type DataPoint, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { createViews, PER_REQUEST_ATTRIBUTES } from "../../src/telemetry/views.ts";

describe("the metric views", () => {
  it("drop per-request attributes from a recording and leave every other attribute set as it came", async () => {
    const reader = new PeriodicExportingMetricReader({
      exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE),
      exportIntervalMillis: 3_600_000,
    });
    const provider = new MeterProvider({ readers: [reader], views: createViews() });
    try {
      const counter = provider.getMeter("views-test").createCounter("app.test.requests");
      const perRequest = Object.fromEntries(PER_REQUEST_ATTRIBUTES.map((key) => [key, `value of ${key}`]));
      counter.add(1, { "http.route": "/a", ...perRequest });
      counter.add(1, { "http.route": "/a" });
      counter.add(1, { "http.route": "/b", "app.outcome": "success" });
      const { resourceMetrics } = await reader.collect();
      const points = resourceMetrics.scopeMetrics.flatMap(({ metrics }) => metrics).flatMap(({ dataPoints }) => dataPoints as Array<DataPoint<number>>);
      assert.deepEqual(
        points.map(({ attributes, value }) => ({ attributes, value })),
        [
          { attributes: { "http.route": "/a" }, value: 2 },
          { attributes: { "http.route": "/b", "app.outcome": "success" }, value: 1 },
        ],
        "the per-request recording joins its route's series; the others keep their attributes",
      );
    } finally {
      await provider.shutdown();
    }
  });
});
