// Exact counts, by unique id, of what one probe's items became in each backend: span ids in Jaeger
// and in the store's trace index, trace ids of log records in the store's log index, the seq label
// of the probe gauge's series in Prometheus. And the copies beyond the first (a retried hand-over
// written twice): spans repeated within a Jaeger trace, store documents beyond one per id, samples
// beyond one per probe series in Prometheus (each series gets exactly one point).
import { queryInstant, refresh, search, tracesOfService } from "../../src/backends/index.ts";
import type { Endpoints } from "../../src/stack/endpoints.ts";
import { PROBE_METRIC } from "./probe.ts";

export const SIGNALS = ["traces→jaeger", "traces→store", "logs→store", "metrics→prometheus"] as const;
export type Signal = (typeof SIGNALS)[number];

/** A count reads every item of a run at once: more than the usual bound. */
const COUNT_TIMEOUT_MS = 20_000;

/** What a backend holds of the probe: each id found, with how many copies of it. */
export type Copies = Map<string, number>;

function tally(ids: string[]): Copies {
  const copies: Copies = new Map();
  for (const id of ids) copies.set(id, (copies.get(id) ?? 0) + 1);
  return copies;
}

export async function jaegerSpanIds(endpoints: Endpoints, service: string, sinceMs: number): Promise<Copies> {
  const traces = await tracesOfService(endpoints.jaeger, service, { limit: 100_000, sinceMs: sinceMs - 60_000, timeoutMs: COUNT_TIMEOUT_MS }).catch(() => []);
  return tally(traces.flatMap((spans) => spans.map((span) => span.spanId)));
}

export async function storeIds(endpoints: Endpoints, index: string, service: string, field: "SpanId" | "TraceId"): Promise<Copies> {
  await refresh(endpoints.elasticsearch, index).catch(() => undefined);
  const body = { size: 10_000, _source: [field], query: { term: { "Resource.service.name": service } } };
  const { sources } = await search(endpoints.elasticsearch, index, body, { timeoutMs: COUNT_TIMEOUT_MS }).catch(() => ({ sources: [] }));
  return tally(sources.map((doc) => String(doc[field]).toLowerCase()));
}

/** Samples per probe series (by its seq label), over the whole probe's time. */
async function prometheusSeqs(endpoints: Endpoints, service: string, sinceMs: number): Promise<Copies> {
  const window = Math.ceil((Date.now() - sinceMs) / 1000) + 600;
  const query = `count_over_time(${PROBE_METRIC}{service_name="${service}"}[${window}s])`;
  const samples = await queryInstant(endpoints.prometheus, query, undefined, { timeoutMs: COUNT_TIMEOUT_MS }).catch(() => []);
  return new Map(samples.map(({ labels, value }) => [labels.chaos_seq ?? "", value]));
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
