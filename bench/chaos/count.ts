// Exact counts, by unique id, of what one probe's items became in each backend: span ids in Jaeger
// and in the store's trace index, trace ids of log records in the store's log index, the seq label
// of the probe gauge's series in Prometheus. Duplicates (a retried hand-over) count once.
import type { Endpoints } from "../../src/stack/endpoints.ts";
import { PROBE_METRIC } from "./probe.ts";

export const SIGNALS = ["traces→jaeger", "traces→store", "logs→store", "metrics→prometheus"] as const;
export type Signal = (typeof SIGNALS)[number];

interface JaegerTraces {
  data?: Array<{ spans: Array<{ spanID: string }> }>;
}
interface StoreHits {
  hits: { hits: Array<{ _source: Record<string, unknown> }> };
}
interface PrometheusSeries {
  data?: Array<Record<string, string>>;
}

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(20_000) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as T;
}

async function jaegerSpanIds(endpoints: Endpoints, service: string, sinceMs: number): Promise<Set<string>> {
  const query = new URLSearchParams({ service, limit: "100000", start: String((sinceMs - 60_000) * 1000), end: String((Date.now() + 60_000) * 1000) });
  const body = await json<JaegerTraces>(`${endpoints.jaeger}/api/traces?${query}`).catch((): JaegerTraces => ({ data: [] }));
  return new Set((body.data ?? []).flatMap((trace) => trace.spans.map((span) => span.spanID)));
}

async function storeIds(endpoints: Endpoints, index: string, service: string, field: "SpanId" | "TraceId"): Promise<Set<string>> {
  await fetch(`${endpoints.elasticsearch}/${index}/_refresh`, { method: "POST" }).catch(() => undefined);
  const body = await json<StoreHits>(`${endpoints.elasticsearch}/${index}/_search?ignore_unavailable=true`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ size: 10_000, _source: [field], query: { term: { "Resource.service.name": service } } }),
  }).catch((): StoreHits => ({ hits: { hits: [] } }));
  return new Set(body.hits.hits.map((hit) => String(hit._source[field]).toLowerCase()));
}

async function prometheusSeqs(endpoints: Endpoints, service: string, sinceMs: number): Promise<Set<string>> {
  const query = new URLSearchParams({
    "match[]": `${PROBE_METRIC}{service_name="${service}"}`,
    start: String(sinceMs / 1000 - 600),
    end: String(Date.now() / 1000 + 600),
  });
  const body = await json<PrometheusSeries>(`${endpoints.prometheus}/api/v1/series?${query}`).catch((): PrometheusSeries => ({ data: [] }));
  return new Set((body.data ?? []).map((series) => series.chaos_seq ?? ""));
}

/** How many of the accepted items each backend holds now. */
export async function landed(
  endpoints: Endpoints,
  service: string,
  items: Array<{ seq: number; traceId: string; spanId: string }>,
  sinceMs: number,
): Promise<Record<Signal, number>> {
  const [jaeger, storeSpans, storeLogs, prometheus] = await Promise.all([
    jaegerSpanIds(endpoints, service, sinceMs),
    storeIds(endpoints, "otel-traces", service, "SpanId"),
    storeIds(endpoints, "otel-logs", service, "TraceId"),
    prometheusSeqs(endpoints, service, sinceMs),
  ]);
  const count = (has: (item: (typeof items)[number]) => boolean) => items.filter(has).length;
  return {
    "traces→jaeger": count((item) => jaeger.has(item.spanId)),
    "traces→store": count((item) => storeSpans.has(item.spanId)),
    "logs→store": count((item) => storeLogs.has(item.traceId)),
    "metrics→prometheus": count((item) => prometheus.has(String(item.seq))),
  };
}
