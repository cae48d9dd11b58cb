// The trace from Jaeger's query API: spans with service, operation, duration and error flag.
import { getJson } from "./http.ts";

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
      };
    })
    .sort((a, b) => a.startMicros - b.startMicros);
}

/** How many ancestors a span has in its trace: its indent in a tree or waterfall. */
export function depthOf(span: TraceSpan, byId: Map<string, TraceSpan>): number {
  let depth = 0;
  for (let parent = span.parentSpanId && byId.get(span.parentSpanId); parent; parent = parent.parentSpanId && byId.get(parent.parentSpanId)) depth++;
  return depth;
}

/** Parents before their children, siblings by start time: how a trace reads as a tree or waterfall. */
export function treeOrder(spans: TraceSpan[]): TraceSpan[] {
  const ids = new Set(spans.map((span) => span.spanId));
  const children = new Map<string | undefined, TraceSpan[]>();
  for (const span of [...spans].sort((a, b) => a.startMicros - b.startMicros)) {
    // A span whose parent is not in the trace (not yet arrived) is shown as a root.
    const parent = span.parentSpanId && ids.has(span.parentSpanId) ? span.parentSpanId : undefined;
    children.set(parent, [...(children.get(parent) ?? []), span]);
  }
  const ordered: TraceSpan[] = [];
  const visit = (span: TraceSpan) => {
    ordered.push(span);
    for (const child of children.get(span.spanId) ?? []) visit(child);
  };
  for (const root of children.get(undefined) ?? []) visit(root);
  return ordered;
}

export async function traceById(jaegerUrl: string, traceId: string): Promise<TraceSpan[]> {
  try {
    const { data } = await getJson<{ data: JaegerTrace[] }>(`${jaegerUrl}/api/traces/${traceId}`);
    return data[0] ? toSpans(data[0]) : [];
  } catch (error) {
    if (String(error).includes("answered 404")) return [];
    throw error;
  }
}

/** The services a trace's spans come from. */
export function servicesOf(spans: TraceSpan[]): Set<string> {
  return new Set(spans.map((span) => span.service));
}

/** The most recent traces of a service, each as its spans. */
export async function tracesOfService(jaegerUrl: string, service: string, { limit = 20, lookback = "1h" } = {}): Promise<TraceSpan[][]> {
  const { data } = await getJson<{ data: JaegerTrace[] | null }>(
    `${jaegerUrl}/api/traces?service=${encodeURIComponent(service)}&limit=${limit}&lookback=${lookback}`,
  );
  return (data ?? []).map(toSpans);
}

/** Every service Jaeger has spans of. */
export async function jaegerServices(jaegerUrl: string): Promise<string[]> {
  return (await getJson<{ data: string[] | null }>(`${jaegerUrl}/api/services`)).data ?? [];
}

/** The trace whose root server span carries this request id (app.request.id). */
export async function traceIdForRequest(jaegerUrl: string, requestId: string, service = "matching-api"): Promise<string | undefined> {
  const tags = encodeURIComponent(JSON.stringify({ "app.request.id": requestId }));
  const { data } = await getJson<{ data: JaegerTrace[] }>(`${jaegerUrl}/api/traces?service=${service}&tags=${tags}&lookback=7d&limit=1`);
  return data[0]?.traceID;
}
