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

/** Spans a page or `npm run trace` shows of one trace, at most: a trace of 30,000 spans is read by other means. */
export const MAX_SPANS_SHOWN = 2_000;

export interface SpanRow {
  span: TraceSpan;
  /** How many ancestors it has in the trace: its indent in a tree or waterfall. */
  depth: number;
}

/**
 * Parents before their children, siblings by start time, each with its depth; the first `limit` rows
 * and how many were left out. Linear after the sort, and iterative: a 20,000-deep chain is no recursion.
 */
export function spanTree(spans: TraceSpan[], limit = Infinity): { rows: SpanRow[]; omitted: number } {
  const ids = new Set(spans.map((span) => span.spanId));
  const children = new Map<string | undefined, TraceSpan[]>();
  for (const span of [...spans].sort((a, b) => a.startMicros - b.startMicros)) {
    // A span whose parent is not in the trace (not yet arrived) is shown as a root.
    const parent = span.parentSpanId && ids.has(span.parentSpanId) ? span.parentSpanId : undefined;
    const siblings = children.get(parent);
    if (siblings) siblings.push(span);
    else children.set(parent, [span]);
  }
  const rows: SpanRow[] = [];
  const visited = new Set<string>();
  // Depth first; children pushed in reverse so the earliest is taken next.
  const stack: SpanRow[] = (children.get(undefined) ?? []).map((span) => ({ span, depth: 0 })).reverse();
  while (stack.length && rows.length < limit) {
    const row = stack.pop()!;
    if (visited.has(row.span.spanId)) continue; // a span id given twice, or a cycle: shown once
    visited.add(row.span.spanId);
    rows.push(row);
    const next = children.get(row.span.spanId) ?? [];
    for (let i = next.length - 1; i >= 0; i--) stack.push({ span: next[i]!, depth: row.depth + 1 });
  }
  return { rows, omitted: spans.length - rows.length };
}

/** Parents before their children, siblings by start time: how a trace reads as a tree or waterfall. */
export function treeOrder(spans: TraceSpan[]): TraceSpan[] {
  return spanTree(spans).rows.map((row) => row.span);
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
