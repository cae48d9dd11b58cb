// The Prometheus series a request counted in: one instant query each, so a trace of many distinct
// server spans must not become as many calls.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { TraceSpan } from "../../src/backends/index.ts";
import { MAX_SERIES_QUERIES, seriesQueries } from "../../src/trace/series.ts";

const serverSpan = (i: number): TraceSpan => ({
  traceId: "t",
  spanId: String(i),
  parentSpanId: undefined,
  service: "matching-api",
  operation: `POST /route-${i}`,
  startMicros: i,
  durationMs: 1,
  error: false,
  tags: { "span.kind": "server", "http.route": `/route-${i}`, "http.response.status_code": 200 },
});

describe("the series of a request", () => {
  it(`asks at most ${MAX_SERIES_QUERIES} queries, however many distinct server spans the trace has`, () => {
    assert.equal(seriesQueries(Array.from({ length: 1_000 }, (_, i) => serverSpan(i))).length, MAX_SERIES_QUERIES);
  });

  it("asks both series of a server span: the scraped request count and the span metrics", () => {
    const queries = seriesQueries([serverSpan(1)]);
    assert.equal(queries.length, 2);
    assert.match(queries[0]!, /^sum\(http_server_request_duration_seconds_count\{source="scrape",service_name="matching-api",http_route="\/route-1"/);
    assert.match(queries[1]!, /^sum\(traces_span_metrics_calls_total\{service_name="matching-api",span_name="POST \/route-1"/);
  });
});
