// The case of issue 19, measured: Jaeger, the store and Prometheus frozen (SIGSTOP) while a foreign
// client sends two-span traces and log records through the collector; once they resume, how many
// documents and spans each backend holds against how many distinct ones were sent. Before each span and
// log record had a deterministic id, retried bulk requests that the frozen store had in fact taken
// were written again (1,255 span documents for 600 spans after a 90 s freeze).
// `node bench/chaos/freeze.ts [seconds=90] [traces=300]`, through /work/bin/isolated like every stack run.
import { setTimeout as sleep } from "node:timers/promises";
import { pollUntil } from "../../src/lifecycle/poll.ts";
import { startStack, type RunningStack } from "../../src/stack/stack.ts";
import { logsPayload, newSpanId, newTraceId, postOtlp, tracesPayload } from "../../test/support/otlp-json.ts";
import { jaegerSpanIds, storeIds, type Copies } from "./count.ts";
import { BACKENDS, hung } from "./faults.ts";

export interface FreezeFigures {
  seconds: number;
  traces: number;
  /** Per backend: distinct items found, and documents (or spans) held in all. */
  jaegerSpans: { distinct: number; held: number };
  storeSpans: { distinct: number; held: number };
  storeLogs: { distinct: number; held: number };
}

const held = (copies: Copies) => ({ distinct: copies.size, held: [...copies.values()].reduce((sum, n) => sum + n, 0) });

/** Retries a payload until the collector takes it, as an SDK does. */
async function send(url: string, signal: "traces" | "logs", payload: unknown): Promise<void> {
  for (let attempt = 0; (await postOtlp(url, signal, payload)) !== 200; attempt++) await sleep(Math.min(200 * 2 ** attempt, 5_000));
}

export async function freeze(stack: RunningStack, { seconds = 90, traces = 300, log = console.log } = {}): Promise<FreezeFigures> {
  const service = `freeze-${Date.now().toString(36)}`;
  const since = Date.now();
  const fault = hung(...BACKENDS);
  log(`freezing ${BACKENDS.join(", ")} for ${seconds} s while ${traces} two-span traces and ${traces} log records are sent (service ${service})`);
  await fault.inject(stack);
  try {
    const sends: Array<Promise<void>> = [];
    for (let i = 0; i < traces; i++) {
      const traceId = newTraceId();
      const spans = [0, 1].map((n) => ({ traceId, spanId: newSpanId(), name: `freeze ${n}`, attributes: { "freeze.seq": i } }));
      sends.push(send(stack.endpoints.collector, "traces", tracesPayload(service, spans)));
      sends.push(send(stack.endpoints.collector, "logs", logsPayload(service, [{ traceId, body: `freeze log ${i}`, attributes: { "freeze.seq": i } }])));
      await sleep((seconds * 1000) / traces);
    }
    await Promise.all(sends);
  } finally {
    await fault.end(stack);
  }
  log("resumed; waiting until every span and log record is stored");
  const count = async () => {
    const [jaeger, spans, logs] = await Promise.all([
      jaegerSpanIds(stack.endpoints, service, since),
      storeIds(stack.endpoints, "otel-traces", service, "SpanId"),
      storeIds(stack.endpoints, "otel-logs", service, "TraceId"),
    ]);
    return { seconds, traces, jaegerSpans: held(jaeger), storeSpans: held(spans), storeLogs: held(logs) };
  };
  let figures = await count();
  await pollUntil(
    async () => {
      figures = await count();
      return figures.jaegerSpans.distinct === 2 * traces && figures.storeSpans.distinct === 2 * traces && figures.storeLogs.distinct === traces;
    },
    "every span in Jaeger and the store, every log record in the store",
    { timeoutMs: 300_000, intervalMs: 2_000 },
  ).catch((error: unknown) => log(String(error)));
  // The exporters' late retries have had their chance too: a copy written after everything landed counts.
  await sleep(15_000);
  return count();
}

if (import.meta.main) {
  const [seconds = 90, traces = 300] = process.argv.slice(2).map(Number);
  const stack = await startStack({ onEvent: (message) => console.log(`  [supervisor] ${message}`) });
  try {
    const f = await freeze(stack, { seconds, traces });
    console.log(`\n${f.seconds} s freeze, ${f.traces} two-span traces and ${f.traces} log records sent:`);
    console.log(`  Jaeger:          ${f.jaegerSpans.held} spans held, ${f.jaegerSpans.distinct} distinct (of ${2 * f.traces})`);
    console.log(`  store, spans:    ${f.storeSpans.held} documents, ${f.storeSpans.distinct} distinct (of ${2 * f.traces})`);
    console.log(`  store, logs:     ${f.storeLogs.held} documents, ${f.storeLogs.distinct} distinct (of ${f.traces})`);
  } finally {
    await stack.stop();
  }
}
