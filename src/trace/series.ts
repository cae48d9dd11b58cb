// The Prometheus series a request contributed to: per server span, the HTTP duration histogram
// of its service, route and status, and the span-metrics calls counter of its operation. Values
// are the series' totals a few minutes after the request (or now, if sooner), with a graph URL for
// each: a service or collector restarted since no longer sends those series, so "now" could find
// none, while the samples stay in Prometheus.
import { graphUrl, queryInstant, type TraceSpan } from "../backends/index.ts";

export interface Series {
  query: string;
  value: string | undefined;
  graphUrl: string;
}

/** Long enough for the request to be scraped and remote-written; within Prometheus's 5-minute lookback of it. */
const AFTER_REQUEST_MS = 3 * 60_000;

async function instant(prometheusUrl: string, query: string, atMs: number): Promise<string | undefined> {
  const values = (await queryInstant(prometheusUrl, query, atMs)).map((sample) => sample.value);
  return values.length ? String(values.reduce((a, b) => a + b, 0)) : undefined;
}

const label = (value: unknown) => JSON.stringify(String(value));

/** Instant queries one lookup makes, at most: a trace of many distinct server spans is not as many calls. */
export const MAX_SERIES_QUERIES = 20;

export function seriesQueries(spans: TraceSpan[]): string[] {
  const queries = new Set<string>();
  for (const span of spans.filter((s) => s.tags["span.kind"] === "server")) {
    const route = span.tags["http.route"];
    const status = span.tags["http.response.status_code"];
    if (route !== undefined && status !== undefined) {
      // source="scrape": the copy scraped from the service (the same counts also arrive by remote write).
      queries.add(
        `sum(http_server_request_duration_seconds_count{source="scrape",service_name=${label(span.service)},http_route=${label(route)},http_response_status_code=${label(status)}})`,
      );
    }
    const statusCode = span.error ? "STATUS_CODE_ERROR" : "STATUS_CODE_UNSET";
    queries.add(
      `sum(traces_span_metrics_calls_total{service_name=${label(span.service)},span_name=${label(span.operation)},status_code=${label(statusCode)}})`,
    );
  }
  return [...queries].slice(0, MAX_SERIES_QUERIES);
}

export async function seriesOf(prometheusUrl: string, spans: TraceSpan[]): Promise<Series[]> {
  const endMs = Math.max(0, ...spans.map((span) => span.startMicros / 1000 + span.durationMs));
  const atMs = Math.min(Date.now(), endMs + AFTER_REQUEST_MS);
  return Promise.all(
    seriesQueries(spans).map(async (query) => ({
      query,
      value: await instant(prometheusUrl, query, atMs),
      graphUrl: graphUrl(prometheusUrl, query),
    })),
  );
}
