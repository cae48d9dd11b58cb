// The lookup as text an on-call engineer reads top to bottom.
import type { Lookup } from "./lookup.ts";
import { depthOf, treeOrder } from "./jaeger.ts";

export function formatLookup(result: Lookup): string {
  const out: string[] = [];
  out.push(`trace ${result.traceId}${result.requestId ? `  request ${result.requestId}` : ""}`);
  const services = [...new Set(result.spans.map((span) => span.service))];
  out.push(`\n== Trace (Jaeger): ${result.spans.length} spans across ${services.join(", ") || "no service"}`);
  const byId = new Map(result.spans.map((span) => [span.spanId, span]));
  const start = result.spans[0]?.startMicros ?? 0;
  for (const span of treeOrder(result.spans)) {
    const offset = ((span.startMicros - start) / 1000).toFixed(1).padStart(7);
    out.push(`${offset} ms ${"  ".repeat(depthOf(span, byId))}${span.error ? "✖" : "·"} ${span.service}: ${span.operation} (${span.durationMs.toFixed(1)} ms)`);
  }
  out.push(`   ${result.links.jaeger}`);
  out.push(`\n== Logs (Elasticsearch API): ${result.logs.length} records`);
  for (const line of result.logs) out.push(`${line.timestamp} ${line.service.padEnd(12)} ${line.severity.padEnd(5)} ${line.body}`);
  out.push(`   ${result.links.logs}`);
  out.push(`\n== Errors (Sentry protocol): ${result.events.length} event${result.events.length === 1 ? "" : "s"}`);
  for (const event of result.events) out.push(`${event.title}\n   ${event.url}`);
  out.push(`\n== Prometheus series this request counted in`);
  for (const series of result.series) out.push(`${series.value ?? "(none yet)"}  ${series.query}\n   ${series.graphUrl}`);
  if (result.failures.length) out.push(`\n(not answered: ${result.failures.join("; ")})`);
  return out.join("\n");
}
