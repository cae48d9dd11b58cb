// Jaeger's query API (/api/traces, /api/services): a trace as spans with service, operation,
// duration and error flag.
import { BackendError, callJson, withQuery } from "./http.ts";

export interface TraceSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  service: string;
  operation: string;
  startMicros: number;
  durationMs: number;
  error: boolean;
  tags: Record<string, unknown>;
  /** Span events (Jaeger's "logs") on the span. */
  events?: number;
}

interface JaegerTrace {
  traceID: string;
  spans: Array<{
    spanID: string;
    operationName: string;
    references?: Array<{ refType: string; spanID: string }>;
    startTime: number;
    duration: number;
    tags?: Array<{ key: string; value: unknown }>;
    logs?: unknown[];
    processID: string;
  }>;
  processes: Record<string, { serviceName: string }>;
}

function toSpans(jaegerTrace: JaegerTrace): TraceSpan[] {
  return jaegerTrace.spans
    .map((span) => {
      const tags = Object.fromEntries((span.tags ?? []).map((tag) => [tag.key, tag.value]));
      return {
        traceId: jaegerTrace.traceID,
        spanId: span.spanID,
        parentSpanId: span.references?.find((ref) => ref.refType === "CHILD_OF")?.spanID,
        service: jaegerTrace.processes[span.processID]?.serviceName ?? "?",
        operation: span.operationName,
        startMicros: span.startTime,
        durationMs: span.duration / 1000,
        error: tags.error === true || tags["otel.status_code"] === "ERROR",
        tags,
        events: span.logs?.length ?? 0,
      };
    })
    .sort((a, b) => a.startMicros - b.startMicros);
}

/** The trace as Jaeger's API serves it: the link `npm run trace` and the console print (a native Jaeger has no UI). */
export function traceUrl(jaegerUrl: string, traceId: string): string {
  return `${jaegerUrl}/api/traces/${traceId}`;
}

/** The trace's spans, oldest first; none when Jaeger does not know the trace (yet). */
export async function traceById(jaegerUrl: string, traceId: string, { timeoutMs }: { timeoutMs?: number } = {}): Promise<TraceSpan[]> {
  try {
    const { data } = await callJson<{ data: JaegerTrace[] }>(traceUrl(jaegerUrl, traceId), { timeoutMs });
    return data[0] ? toSpans(data[0]) : [];
  } catch (error) {
    if (error instanceof BackendError && error.status === 404) return [];
    throw error;
  }
}

/** The services a trace's spans come from. */
export function servicesOf(spans: TraceSpan[]): Set<string> {
  return new Set(spans.map((span) => span.service));
}

export interface TraceSearch {
  limit?: number;
  /** How far back, as Jaeger reads it ("1h", "7d"); ignored when `sinceMs` is given. */
  lookback?: string;
  /** Spans that started after this time (Unix ms), up to now. */
  sinceMs?: number;
  /** Tags every trace found has on one span (e.g. app.request.id). */
  tags?: Record<string, string>;
  timeoutMs?: number;
}

/** The most recent traces of a service, each as its spans (a span written twice is there twice). */
export async function tracesOfService(
  jaegerUrl: string,
  service: string,
  { limit = 20, lookback = "1h", sinceMs, tags, timeoutMs }: TraceSearch = {},
): Promise<TraceSpan[][]> {
  const window = sinceMs === undefined ? { lookback } : { start: sinceMs * 1000, end: (Date.now() + 60_000) * 1000 };
  const url = withQuery(`${jaegerUrl}/api/traces`, { service, limit, ...window, tags: tags && JSON.stringify(tags) });
  const { data } = await callJson<{ data: JaegerTrace[] | null }>(url, { timeoutMs });
  return (data ?? []).map(toSpans);
}

/** Every service Jaeger has spans of. */
export async function jaegerServices(jaegerUrl: string): Promise<string[]> {
  return (await callJson<{ data: string[] | null }>(`${jaegerUrl}/api/services`)).data ?? [];
}

/** The trace whose root server span carries this request id (app.request.id). */
export async function traceIdForRequest(jaegerUrl: string, requestId: string, service = "matching-api"): Promise<string | undefined> {
  const [trace] = await tracesOfService(jaegerUrl, service, { tags: { "app.request.id": requestId }, lookback: "7d", limit: 1 });
  return trace?.[0]?.traceId;
}
