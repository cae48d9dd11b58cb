// A trace as a tree: the order the waterfall (console) and `npm run trace` show spans in.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { TraceSpan } from "../../src/backends/index.ts";
import { spanTree, treeOrder } from "../../src/trace/span-tree.ts";

const span = (spanId: string, parentSpanId: string | undefined, startMicros: number): TraceSpan => ({
  traceId: "t",
  spanId,
  parentSpanId,
  startMicros,
  service: "s",
  operation: spanId,
  durationMs: 1,
  error: false,
  tags: {},
});

describe("a trace's tree order", () => {
  it("puts each span right after its parent, siblings by start time, even when another branch started in between", () => {
    const spans = [span("root", undefined, 0), span("cv", "root", 10), span("job", "root", 11), span("cv-handler", "cv", 12), span("job-handler", "job", 13)];
    assert.deepEqual(
      treeOrder(spans).map((s) => s.spanId),
      ["root", "cv", "cv-handler", "job", "job-handler"],
    );
    assert.deepEqual(
      spanTree(spans).rows.map((row) => row.depth),
      [0, 1, 2, 1, 2],
    );
  });

  it("shows a span whose parent has not arrived as a root, rather than dropping it", () => {
    const spans = [span("late-child", "missing", 5), span("root", undefined, 0)];
    assert.deepEqual(
      treeOrder(spans).map((s) => s.spanId),
      ["root", "late-child"],
    );
  });
});
