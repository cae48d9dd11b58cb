// Exact counts, by unique id, of what one probe's items became in each backend: span ids in Jaeger
// and in the store's trace index, trace ids of log records in the store's log index, the seq label
// of the probe gauge's series in Prometheus. And the copies beyond the first (a retried hand-over
// written twice): spans repeated within a Jaeger trace, store documents beyond one per id, samples
// beyond one per probe series in Prometheus (each series gets exactly one point).
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
interface PrometheusVector {
  data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
}

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(20_000) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as T;
}

/** What a backend holds of the probe: each id found, with how many copies of it. */
export type Copies = Map<string, number>;

function tally(ids: string[]): Copies {
  const copies: Copies = new Map();
  for (const id of ids) copies.set(id, (copies.get(id) ?? 0) + 1);
  return copies;
}

export async function jaegerSpanIds(endpoints: Endpoints, service: string, sinceMs: number): Promise<Copies> {
  const query = new URLSearchParams({ service, limit: "100000", start: String((sinceMs - 60_000) * 1000), end: String((Date.now() + 60_000) * 1000) });
  const body = await json<JaegerTraces>(`${endpoints.jaeger}/api/traces?${query}`).catch((): JaegerTraces => ({ data: [] }));
  return tally((body.data ?? []).flatMap((trace) => trace.spans.map((span) => span.spanID)));
}

export async function storeIds(endpoints: Endpoints, index: string, service: string, field: "SpanId" | "TraceId"): Promise<Copies> {
  await fetch(`${endpoints.elasticsearch}/${index}/_refresh`, { method: "POST" }).catch(() => undefined);
  const body = await json<StoreHits>(`${endpoints.elasticsearch}/${index}/_search?ignore_unavailable=true`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ size: 10_000, _source: [field], query: { term: { "Resource.service.name": service } } }),
  }).catch((): StoreHits => ({ hits: { hits: [] } }));
  return tally(body.hits.hits.map((hit) => String(hit._source[field]).toLowerCase()));
}

/** Samples per probe series (by its seq label), over the whole probe's time. */
async function prometheusSeqs(endpoints: Endpoints, service: string, sinceMs: number): Promise<Copies> {
  const window = Math.ceil((Date.now() - sinceMs) / 1000) + 600;
  const query = new URLSearchParams({ query: `count_over_time(${PROBE_METRIC}{service_name="${service}"}[${window}s])` });
  const body = await json<PrometheusVector>(`${endpoints.prometheus}/api/v1/query?${query}`).catch((): PrometheusVector => ({ data: { result: [] } }));
  return new Map(body.data.result.map(({ metric, value }) => [metric.chaos_seq ?? "", Number(value[1])]));
}

export interface Landed {
  /** Items found at least once. */
  landed: number;
  /** Copies beyond the first, over all items. */
  duplicated: number;
}

/** How many of the accepted items each backend holds now, and how many extra copies. */
export async function landed(
  endpoints: Endpoints,
  service: string,
  items: Array<{ seq: number; traceId: string; spanId: string }>,
  sinceMs: number,
): Promise<Record<Signal, Landed>> {
  const [jaeger, storeSpans, storeLogs, prometheus] = await Promise.all([
    jaegerSpanIds(endpoints, service, sinceMs),
    storeIds(endpoints, "otel-traces", service, "SpanId"),
    storeIds(endpoints, "otel-logs", service, "TraceId"),
    prometheusSeqs(endpoints, service, sinceMs),
  ]);
  const count = (copies: Copies, idOf: (item: (typeof items)[number]) => string): Landed => {
    const found = items.map((item) => copies.get(idOf(item)) ?? 0);
    return { landed: found.filter((n) => n > 0).length, duplicated: found.reduce((sum, n) => sum + Math.max(0, n - 1), 0) };
  };
  return {
    "traces→jaeger": count(jaeger, (item) => item.spanId),
    "traces→store": count(storeSpans, (item) => item.spanId),
    "logs→store": count(storeLogs, (item) => item.traceId),
    "metrics→prometheus": count(prometheus, (item) => String(item.seq)),
  };
}
