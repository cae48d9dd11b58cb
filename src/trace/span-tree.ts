// A trace's spans as a tree: parents before their children, each with its depth, for the
// waterfall of the console's request page and the outline `npm run trace` prints.
import type { TraceSpan } from "../backends/index.ts";

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
