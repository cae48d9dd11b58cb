// From one request id or trace id to everything: the trace (Jaeger), its logs (Elasticsearch API),
// its error events (Sentry protocol, Bugsink) and the Prometheus series it counted in.
import {
  logsOfRequest,
  logsOfTrace,
  logsSearchUrl,
  traceById,
  traceIdForRequest,
  traceUrl,
  type ErrorEvent,
  type LogLine,
  type TraceSpan,
} from "../backends/index.ts";
import type { Endpoints } from "../stack/endpoints.ts";
import { eventsOfTrace } from "./events.ts";
import { seriesOf, type Series } from "./series.ts";

export interface Lookup {
  traceId: string;
  requestId: string | undefined;
  spans: TraceSpan[];
  logs: LogLine[];
  events: ErrorEvent[];
  series: Series[];
  links: { jaeger: string; logs: string };
  /** Sources that did not answer, with why: the rest is still printed. */
  failures: string[];
}

export class LookupError extends Error {
  override readonly name = "LookupError";
}

const TRACE_ID = /^[0-9a-f]{32}$/;

async function settle<T>(label: string, failures: string[], work: Promise<T>, fallback: T): Promise<T> {
  try {
    return await work;
  } catch (error) {
    failures.push(`${label}: ${(error as Error).message}`);
    return fallback;
  }
}

async function resolveTraceId(id: string, endpoints: Endpoints, failures: string[]): Promise<{ traceId?: string; requestId?: string }> {
  if (TRACE_ID.test(id)) return { traceId: id };
  const fromJaeger = await settle("jaeger", failures, traceIdForRequest(endpoints.jaeger, id), undefined);
  if (fromJaeger) return { traceId: fromJaeger, requestId: id };
  const fromLogs = await settle("elasticsearch", failures, logsOfRequest(endpoints.elasticsearch, id), []);
  return { traceId: fromLogs.find((line) => line.traceId)?.traceId, requestId: id };
}

export async function lookup(id: string, endpoints: Endpoints): Promise<Lookup | undefined> {
  const failures: string[] = [];
  const { traceId, requestId } = await resolveTraceId(id.trim(), endpoints, failures);
  // Not found is an answer only when the sources answered.
  if (!traceId && failures.length) throw new LookupError(`No trace found, and not every source answered: ${failures.join("; ")}`);
  if (!traceId) return undefined;
  const [spans, logs] = await Promise.all([
    settle("jaeger", failures, traceById(endpoints.jaeger, traceId), []),
    settle("elasticsearch", failures, logsOfTrace(endpoints.elasticsearch, traceId), []),
  ]);
  // A trace id that neither Jaeger nor the logs know is not found; only a trace that exists is worth
  // Bugsink's scan (one call per event: it has no search by trace id).
  const exists = spans.length > 0 || logs.length > 0;
  if (!exists && !failures.length) return undefined;
  // Error events of this trace are no older than its first span (a minute's margin for clocks).
  const first = spans.reduce((min, span) => Math.min(min, span.startMicros), Infinity);
  const since = spans.length ? new Date(first / 1000 - 60_000) : undefined;
  const [events, series] = await Promise.all([
    endpoints.sentry && exists ? settle("sentry", failures, eventsOfTrace(endpoints.sentry, traceId, since), []) : Promise.resolve([]),
    settle("prometheus", failures, seriesOf(endpoints.prometheus, spans), []),
  ]);
  return {
    traceId,
    requestId: requestId ?? logs.find((line) => line.requestId)?.requestId,
    spans,
    logs,
    events,
    series,
    // The API URL: a native Jaeger has no UI; with docker-compose the UI is at /trace/<id> on the same host.
    links: { jaeger: traceUrl(endpoints.jaeger, traceId), logs: logsSearchUrl(endpoints.elasticsearch, traceId) },
    failures,
  };
}
