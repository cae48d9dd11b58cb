// The lookup as text an on-call engineer reads top to bottom. Every value comes from telemetry, which
// anyone who can send a span or a log line writes: control characters are taken out of each, so no
// escape sequence (a fake hyperlink, a cleared screen) reaches the terminal; the newlines are ours.
import type { Lookup } from "./lookup.ts";
import { MAX_SPANS_SHOWN, spanTree } from "./span-tree.ts";

/** C0 and C1 control characters (ESC, BEL, CSI…) removed; a newline or tab inside a value becomes a space. */
export function printable(value: unknown): string {
  return String(value).replace(/\p{Cc}/gu, (char) => (char === "\n" || char === "\t" ? " " : ""));
}

export function formatLookup(result: Lookup): string {
  const out: string[] = [];
  const p = printable;
  out.push(`trace ${p(result.traceId)}${result.requestId ? `  request ${p(result.requestId)}` : ""}`);
  const services = [...new Set(result.spans.map((span) => p(span.service)))];
  out.push(`\n== Trace (Jaeger): ${result.spans.length} spans across ${services.join(", ") || "no service"}`);
  const start = result.spans[0]?.startMicros ?? 0;
  const { rows, omitted } = spanTree(result.spans, MAX_SPANS_SHOWN);
  for (const { span, depth } of rows) {
    const offset = ((span.startMicros - start) / 1000).toFixed(1).padStart(7);
    // The indent stops growing past 40 levels: a deep chain still prints one readable line per span.
    out.push(
      `${offset} ms ${"  ".repeat(Math.min(depth, 40))}${span.error ? "✖" : "·"} ${p(span.service)}: ${p(span.operation)} (${span.durationMs.toFixed(1)} ms)`,
    );
  }
  if (omitted) out.push(`   ${omitted} more spans are not shown (the first ${MAX_SPANS_SHOWN} in tree order are); the whole trace: the Jaeger API below`);
  out.push(`   ${p(result.links.jaeger)}`);
  out.push(`\n== Logs (Elasticsearch API): ${result.logs.length} records`);
  for (const line of result.logs) out.push(`${p(line.timestamp)} ${p(line.service).padEnd(12)} ${p(line.severity).padEnd(5)} ${p(line.body)}`);
  out.push(`   ${p(result.links.logs)}`);
  out.push(`\n== Errors (Sentry protocol): ${result.events.length} event${result.events.length === 1 ? "" : "s"}`);
  for (const event of result.events) out.push(`${p(event.title)}\n   ${p(event.url)}`);
  out.push(`\n== Prometheus series this request counted in`);
  for (const series of result.series) out.push(`${p(series.value ?? "(none yet)")}  ${p(series.query)}\n   ${p(series.graphUrl)}`);
  if (result.failures.length) out.push(`\n(not answered: ${result.failures.map(p).join("; ")})`);
  return out.join("\n");
}
