// The services' side of a collector outage: requests to matching-api before, during and after the
// collector is held down; their latency, their answers, and whether their traces reached Jaeger
// (each request's trace id from its traceresponse header, looked up one by one).
import { setTimeout as sleep } from "node:timers/promises";
import type { RunningStack } from "../../src/stack/stack.ts";
import { CV_TEXT, JOB_TEXT } from "../../test/services/samples.ts";

interface Sent {
  phase: "before" | "during" | "after";
  ms: number;
  status: number;
  traceId: string | undefined;
}

export interface PhaseFigures {
  phase: Sent["phase"];
  requests: number;
  failed: number;
  p99Ms: number;
  tracesInJaeger: number;
}

const p99 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil(values.length * 0.99) - 1)] ?? 0;

async function request(api: string, phase: Sent["phase"]): Promise<Sent> {
  const started = performance.now();
  try {
    const response = await fetch(`${api}/v1/matches`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ cv: CV_TEXT, job: JOB_TEXT }) });
    await response.arrayBuffer();
    return { phase, ms: performance.now() - started, status: response.status, traceId: response.headers.get("traceresponse")?.split("-")[1] };
  } catch {
    return { phase, ms: performance.now() - started, status: 0, traceId: undefined };
  }
}

export async function servicesWithCollectorDown(stack: RunningStack, { seconds = 60, ratePerSecond = 4, log = console.log } = {}): Promise<PhaseFigures[]> {
  const sent: Sent[] = [];
  let phase: Sent["phase"] = "before";
  let running = true;
  const loop = (async () => {
    const pending: Array<Promise<void>> = [];
    while (running) {
      pending.push(request(stack.endpoints.matchingApi, phase).then((result) => void sent.push(result)));
      await sleep(1000 / ratePerSecond);
    }
    await Promise.all(pending);
  })();
  await sleep(20_000);
  log(`collector held down for ${seconds}s while matching-api serves ${ratePerSecond} requests/s`);
  await stack.supervisor.hold("collector");
  phase = "during";
  await sleep(seconds * 1000);
  await stack.supervisor.resume("collector");
  phase = "after";
  await sleep(20_000);
  running = false;
  await loop;
  // Spans of the last requests need the SDK's export interval and the collector's queue.
  await sleep(30_000);
  const inJaeger = async ({ traceId }: Sent) => traceId !== undefined && (await fetch(`${stack.endpoints.jaeger}/api/traces/${traceId}`)).ok;
  const figures: PhaseFigures[] = [];
  for (const name of ["before", "during", "after"] as const) {
    const mine = sent.filter((item) => item.phase === name);
    const found = await Promise.all(mine.map(inJaeger));
    figures.push({ phase: name, requests: mine.length, failed: mine.filter(({ status }) => status < 200 || status >= 300).length, p99Ms: p99(mine.map(({ ms }) => ms)), tracesInJaeger: found.filter(Boolean).length });
  }
  return figures;
}

export function servicesTable(figures: PhaseFigures[]): string {
  const rows = figures.map((f) => `| ${f.phase} | ${f.requests} | ${f.failed} | ${f.p99Ms.toFixed(0)} ms | ${f.tracesInJaeger} of ${f.requests} |`);
  return ["| collector | requests | failed | p99 | traces in Jaeger |", "| --- | --- | --- | --- | --- |", ...rows].join("\n");
}
