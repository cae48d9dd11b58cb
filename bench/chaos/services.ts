// The services' side of a collector outage: requests to matching-api before, during and after the
// collector is held down (connection refused) or hung (SIGSTOP); their latency, their answers, and
// whether each request's trace reached Jaeger and its log records the store (by the trace id of its
// traceresponse header, looked up one by one), and matching-api's memory (RSS) meanwhile.
import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { LOGS_INDEX, refresh, search, traceById, tracesOfService } from "../../src/backends/index.ts";
import { pollUntil } from "../../src/lifecycle/poll.ts";
import type { RunningStack } from "../../src/stack/stack.ts";
import { CV_TEXT, JOB_TEXT } from "../../test/services/samples.ts";

interface Sent {
  phase: "before" | "during" | "after";
  ms: number;
  status: number;
  traceId: string | undefined;
}

export interface PhaseFigures {
  fault: string;
  phase: Sent["phase"];
  requests: number;
  failed: number;
  p50Ms: number;
  p99Ms: number;
  tracesInJaeger: number;
  logsInStore: number;
  /** matching-api's largest resident set during the phase. */
  peakRssMiB: number;
}

export type CollectorFault = "down" | "hung";

const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil(values.length * q) - 1)] ?? 0;

async function request(api: string, phase: Sent["phase"]): Promise<Sent> {
  const started = performance.now();
  try {
    const response = await fetch(`${api}/v1/matches`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ cv: CV_TEXT, job: JOB_TEXT }),
    });
    await response.arrayBuffer();
    return { phase, ms: performance.now() - started, status: response.status, traceId: response.headers.get("traceresponse")?.split("-")[1] };
  } catch {
    return { phase, ms: performance.now() - started, status: 0, traceId: undefined };
  }
}

function pidOf(stack: RunningStack, name: string): number {
  const pid = stack.running.find(({ component }) => component.name === name)?.child.pid;
  if (pid === undefined) throw new Error(`no running ${name}`);
  return pid;
}

function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) / 1024 : 0;
}

/** Trace ids that have at least one log record of matching-api in the store. */
async function traceIdsWithLogs(stack: RunningStack, traceIds: string[]): Promise<Set<string>> {
  const store = stack.endpoints.elasticsearch;
  await refresh(store, LOGS_INDEX).catch(() => undefined);
  const body = { size: 0, query: { terms: { TraceId: traceIds } }, aggs: { ids: { terms: { field: "TraceId", size: traceIds.length + 1 } } } };
  const found = await search(store, LOGS_INDEX, body).catch(() => undefined);
  return new Set((found?.buckets.ids ?? []).map(({ key }) => String(key).toLowerCase()));
}

/** Until every request's trace is in Jaeger and its logs in the store (true), or `timeoutMs` passed (false: the count says what is missing). */
async function allLanded(stack: RunningStack, sent: Sent[], sinceMs: number, timeoutMs: number): Promise<boolean> {
  const traceIds = sent.flatMap(({ traceId }) => (traceId ? [traceId.toLowerCase()] : []));
  const inJaeger = async () => {
    const traces = await tracesOfService(stack.endpoints.jaeger, "matching-api", { limit: 100_000, sinceMs: sinceMs - 60_000, timeoutMs: 30_000 });
    const found = new Set(traces.map((spans) => spans[0]?.traceId.toLowerCase()));
    return traceIds.every((id) => found.has(id));
  };
  return pollUntil(
    async () => (await traceIdsWithLogs(stack, traceIds)).size === traceIds.length && (await inJaeger()),
    `${traceIds.length} requests' traces in Jaeger and logs in the store`,
    { timeoutMs, intervalMs: 3_000 },
  ).catch(() => false);
}

export async function servicesWithCollectorFault(
  stack: RunningStack,
  fault: CollectorFault,
  { seconds = 60, ratePerSecond = 4, phaseSeconds = 20, log = console.log } = {},
): Promise<PhaseFigures[]> {
  const since = Date.now();
  const sent: Sent[] = [];
  const peak: Record<Sent["phase"], number> = { before: 0, during: 0, after: 0 };
  const api = pidOf(stack, "matching-api");
  let phase: Sent["phase"] = "before";
  let running = true;
  const loop = (async () => {
    const pending: Array<Promise<void>> = [];
    while (running) {
      pending.push(request(stack.endpoints.matchingApi, phase).then((result) => void sent.push(result)));
      peak[phase] = Math.max(peak[phase], rssMiB(api));
      await sleep(1000 / ratePerSecond);
    }
    await Promise.all(pending);
  })();
  await sleep(phaseSeconds * 1000);
  log(`collector ${fault} for ${seconds}s while matching-api serves ${ratePerSecond} requests/s`);
  const collector = () => -pidOf(stack, "collector");
  if (fault === "down") await stack.supervisor.hold("collector");
  else process.kill(collector(), "SIGSTOP");
  phase = "during";
  await sleep(seconds * 1000);
  if (fault === "down") await stack.supervisor.resume("collector");
  else process.kill(collector(), "SIGCONT");
  phase = "after";
  await sleep(phaseSeconds * 1000);
  running = false;
  await loop;
  // The buffers retry at most 5 s apart; then the collector's queues and the store's refresh.
  const lastSent = performance.now();
  const landed = await allLanded(stack, sent, since, 90_000);
  const waited = ((performance.now() - lastSent) / 1000).toFixed(0);
  log(`collector ${fault}: ${landed ? "every trace and log record in" : "still missing some, counting"} ${waited} s after the last request`);
  // A phase's traces are looked up at once: on a loaded machine Jaeger's reads of the store queue up, so a wide bound.
  const inJaeger = async ({ traceId }: Sent) =>
    traceId !== undefined && (await traceById(stack.endpoints.jaeger, traceId, { timeoutMs: 60_000 }).catch(() => [])).length > 0;
  const withLogs = await traceIdsWithLogs(
    stack,
    sent.flatMap(({ traceId }) => (traceId ? [traceId] : [])),
  );
  const figures: PhaseFigures[] = [];
  const countStarted = performance.now();
  for (const name of ["before", "during", "after"] as const) {
    const mine = sent.filter((item) => item.phase === name);
    const found = await Promise.all(mine.map(inJaeger));
    const ms = mine.map((item) => item.ms);
    figures.push({
      fault: `collector ${fault === "down" ? "down (refused)" : "hung (SIGSTOP)"}`,
      phase: name,
      requests: mine.length,
      failed: mine.filter(({ status }) => status < 200 || status >= 300).length,
      p50Ms: quantile(ms, 0.5),
      p99Ms: quantile(ms, 0.99),
      tracesInJaeger: found.filter(Boolean).length,
      logsInStore: mine.filter(({ traceId }) => traceId && withLogs.has(traceId)).length,
      peakRssMiB: peak[name],
    });
  }
  log(`collector ${fault}: counted in ${((performance.now() - countStarted) / 1000).toFixed(0)} s`);
  return figures;
}

export function servicesTable(figures: PhaseFigures[]): string {
  const rows = figures.map(
    (f) =>
      `| ${f.fault} | ${f.phase} | ${f.requests} | ${f.failed} | ${f.p50Ms.toFixed(0)} ms | ${f.p99Ms.toFixed(0)} ms | ${f.tracesInJaeger} of ${f.requests} | ${f.logsInStore} of ${f.requests} | ${f.peakRssMiB.toFixed(0)} MiB |`,
  );
  return [
    "| collector | phase | requests | failed | p50 | p99 | traces in Jaeger | logs in store | matching-api RSS |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}
