// The overload fault: the collector's intake driven open-loop at OVERLOAD_FACTOR (3) × the rate it
// sustains, measured first on the same traffic. Each load request is retried as the OTel JS SDK
// retries (sdk-retry.ts), from at most CLIENTS requests in flight. The load's spans are health-probe spans (url.path=/health): gateway.yaml's filter/health drops them
// after memory_limiter, so they cost the intake what a flood costs (receive, decode, memory_limiter,
// OTTL) without sending a million spans on to backends that are not under test; the probe's items
// go the whole way and are counted as in every fault. Watched: the statuses, the collector's RSS
// (/proc/<pid>/status VmRSS and RssAnon, every 200 ms) against its memory limit, and that it never
// restarted. The collector runs the fault with lower limits (see overload() below).
import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import type { RunningStack } from "../../src/stack/stack.ts";
import { newSpanId, newTraceId, tracesPayload } from "../../test/support/otlp-json.ts";
import type { Fault } from "./faults.ts";
import { post, sendLikeAnSdk, type Sent } from "./sdk-retry.ts";

export const OVERLOAD_FACTOR = 3;
/** Spans per load request: an SDK batch (the BatchSpanProcessor's default maximum is 512). */
export const SPANS_PER_REQUEST = 512;
/**
 * Requests in flight at most (CHAOS_OVERLOAD_CLIENTS): as many clients, each with one export at a time;
 * a batch due while all are busy is dropped at the client, as an SDK drops when its queue is full.
 * Unbounded, the collector decodes every open request before memory_limiter (a processor) sees it:
 * 1,100 requests in flight took it to 2 GiB RSS against a 512 MiB limit (docs/reliability.md).
 */
const CLIENTS = Number(process.env.CHAOS_OVERLOAD_CLIENTS ?? 256);

export interface OverloadFigures {
  sustainableSpansPerS: number;
  offeredSpansPerS: number;
  acceptedSpansPerS: number;
  /** First-attempt answers by status (0: no connection or timed out). */
  statuses: Record<string, number>;
  retryAfter: string | undefined;
  /** Load requests taken after at least one refusal / given up after the SDK's 5 attempts. */
  acceptedOnRetry: number;
  /** Batches due while all CLIENTS were busy: dropped at the client, never sent. */
  droppedAtClients: number;
  droppedAfterRetries: number;
  peakRssMiB: number;
  /** Of it, anonymous memory (heap, stacks): VmRSS also counts file pages, the binary's and the queues' mmap. */
  peakRssAnonMiB: number;
  limitMiB: number;
  collectorRestarts: number;
  /** Requests in flight at most. */
  clients: number;
}

/** One pre-serialised, pre-encoded batch: the client's cost is the socket, not JSON.stringify. */
export function loadBody(service = "chaos-overload"): Uint8Array<ArrayBuffer> {
  const attributes = {
    "url.path": "/health",
    "http.request.method": "GET",
    "http.route": "/health",
    "http.response.status_code": 200,
    "server.address": "matching-api",
    "user_agent.original": "kube-probe/1.31",
    "network.protocol.version": "1.1",
    "app.note": "overload test span with a body of realistic size",
  };
  const spans = Array.from({ length: SPANS_PER_REQUEST }, () => ({ traceId: newTraceId(), spanId: newSpanId(), name: "GET /health", attributes }));
  return new TextEncoder().encode(JSON.stringify(tracesPayload(service, spans)));
}

/** Closed loop, enough requests in flight to keep it busy: the spans/s the collector takes. */
export async function sustainableRate(url: string, body: Uint8Array<ArrayBuffer>, seconds: number, concurrency = 32): Promise<number> {
  let accepted = 0;
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) if ((await post(url, body)).status === 200) accepted += SPANS_PER_REQUEST;
    }),
  );
  return accepted / seconds;
}

/**
 * Open loop: one request per interval whatever the answers, as independent clients send, each
 * retried as an SDK retries; at most `clients` in flight, a request due while all are busy is dropped
 * at the client (as an SDK drops when its queue is full).
 */
export function openLoop(url: string, body: Uint8Array<ArrayBuffer>, intervalMs: number, clients: number) {
  let running = true;
  let droppedAtClients = 0;
  const loop = (async () => {
    const sends: Array<Promise<Sent>> = [];
    let inFlight = 0;
    for (let next = performance.now(); running; next += intervalMs) {
      if (inFlight < clients) {
        inFlight++;
        sends.push(sendLikeAnSdk(url, body).finally(() => inFlight--));
      } else droppedAtClients++;
      await sleep(Math.max(0, next + intervalMs - performance.now()));
    }
    return Promise.all(sends);
  })();
  return {
    async stop(): Promise<{ sent: Sent[]; droppedAtClients: number }> {
      running = false;
      return { sent: await loop, droppedAtClients };
    },
  };
}

/** VmRSS and RssAnon of /proc/<pid>/status, MiB. */
function rssMiB(pid: number): { rss: number; anon: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? 0) / 1024;
    return { rss: field("VmRSS"), anon: field("RssAnon") };
  } catch {
    return { rss: 0, anon: 0 };
  }
}

/** Restarts the collector with other limits (its queues are on disk: nothing is lost). */
async function restartCollectorWith(stack: RunningStack, env: Record<string, string>): Promise<void> {
  const entry = stack.running.find(({ component }) => component.name === "collector")!;
  await stack.supervisor.hold("collector");
  entry.component = { ...entry.component, env: { ...entry.component.env, ...env } };
  await stack.supervisor.resume("collector");
}

/**
 * The collector runs the fault (and its measurement) with
 * - memoryLimitMiB (CHAOS_OVERLOAD_MEMORY_LIMIT_MIB, default 64; 0 keeps the collector's) as its
 *   memory_limiter limit, spike a quarter of it as in gateway.yaml: at the stack's 512 MiB, 256 clients
 *   at 3× the sustainable rate kept the heap under the soft limit, so nothing was refused;
 * - one core (GOMAXPROCS=1, CHAOS_OVERLOAD_GOMAXPROCS), so that the Node client keeps the other: on
 *   both, the collector starved it, and it offered 1.6-2.2× instead of 3×.
 */
export function overload({
  measureSeconds = 10,
  memoryLimitMiB = Number(process.env.CHAOS_OVERLOAD_MEMORY_LIMIT_MIB ?? 64),
  maxProcs = process.env.CHAOS_OVERLOAD_GOMAXPROCS ?? "1",
  clients = CLIENTS,
} = {}): Fault & { figures?: OverloadFigures } {
  let running = false;
  let load: ReturnType<typeof openLoop> | undefined;
  let sampler: Promise<{ rss: number; anon: number }> | undefined;
  let measured = { sustainable: 0, startedAt: 0, restarts: 0, limitMiB: 0 };
  const fault: Fault & { figures?: OverloadFigures } = {
    name: `overload (${OVERLOAD_FACTOR}× sustainable)`,
    async inject(stack: RunningStack) {
      const limits: Record<string, string> = memoryLimitMiB
        ? { COLLECTOR_MEMORY_LIMIT_MIB: String(memoryLimitMiB), COLLECTOR_MEMORY_SPIKE_MIB: String(Math.round(memoryLimitMiB / 4)) }
        : {};
      if (maxProcs) limits.GOMAXPROCS = maxProcs;
      if (memoryLimitMiB || maxProcs) await restartCollectorWith(stack, limits);
      const url = stack.endpoints.collector;
      const entry = stack.running.find(({ component }) => component.name === "collector")!;
      const body = loadBody();
      const sustainable = await sustainableRate(url, body, measureSeconds);
      const intervalMs = (SPANS_PER_REQUEST / (sustainable * OVERLOAD_FACTOR)) * 1000;
      measured = {
        sustainable,
        startedAt: Date.now(),
        restarts: entry.restarts,
        limitMiB: Number(entry.component.env?.COLLECTOR_MEMORY_LIMIT_MIB ?? process.env.COLLECTOR_MEMORY_LIMIT_MIB ?? 512),
      };
      running = true;
      sampler = (async () => {
        let peak = { rss: 0, anon: 0 };
        while (running) {
          const now = rssMiB(entry.child.pid!);
          peak = { rss: Math.max(peak.rss, now.rss), anon: Math.max(peak.anon, now.anon) };
          await sleep(200);
        }
        return peak;
      })();
      load = openLoop(url, body, intervalMs, clients);
    },
    async end(stack: RunningStack) {
      const seconds = (Date.now() - measured.startedAt) / 1000;
      running = false;
      const [{ sent, droppedAtClients }, peak] = await Promise.all([load!.stop(), sampler!]);
      const entry = stack.running.find(({ component }) => component.name === "collector")!;
      const statuses: Record<string, number> = {};
      for (const { first } of sent) statuses[first] = (statuses[first] ?? 0) + 1;
      fault.figures = {
        sustainableSpansPerS: measured.sustainable,
        offeredSpansPerS: ((sent.length + droppedAtClients) * SPANS_PER_REQUEST) / seconds,
        droppedAtClients,
        acceptedSpansPerS: (sent.filter(({ accepted }) => accepted).length * SPANS_PER_REQUEST) / seconds,
        statuses,
        retryAfter: sent.find(({ retryAfter }) => retryAfter)?.retryAfter,
        acceptedOnRetry: sent.filter(({ accepted, attempts }) => accepted && attempts > 1).length,
        droppedAfterRetries: sent.filter(({ accepted }) => !accepted).length,
        peakRssMiB: peak.rss,
        peakRssAnonMiB: peak.anon,
        limitMiB: measured.limitMiB,
        collectorRestarts: entry.restarts - measured.restarts,
        clients,
      };
      // Back to the stack's limits (an empty GOMAXPROCS is the runtime's default: every core).
      if (memoryLimitMiB || maxProcs)
        await restartCollectorWith(stack, {
          COLLECTOR_MEMORY_LIMIT_MIB: process.env.COLLECTOR_MEMORY_LIMIT_MIB ?? "512",
          COLLECTOR_MEMORY_SPIKE_MIB: process.env.COLLECTOR_MEMORY_SPIKE_MIB ?? "128",
          GOMAXPROCS: process.env.GOMAXPROCS ?? "",
        });
    },
    report: () => fault.figures && overloadTable(fault.figures),
  };
  return fault;
}

export function overloadTable(f: OverloadFigures): string {
  const statuses = Object.entries(f.statuses)
    .map(([status, n]) => `${status === "0" ? "no answer" : status} ×${n}`)
    .join(", ");
  return [
    `| sustainable | offered | accepted | first answers (load requests of ${SPANS_PER_REQUEST} spans) | Retry-After | taken on retry | given up (5 attempts or 10 s) | dropped at the clients (all ${f.clients} busy) | collector RSS peak (anonymous) / limit | restarts |`,
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    `| ${f.sustainableSpansPerS.toFixed(0)} spans/s | ${f.offeredSpansPerS.toFixed(0)} spans/s | ${f.acceptedSpansPerS.toFixed(0)} spans/s | ${statuses} | ${f.retryAfter ?? "none"} | ${f.acceptedOnRetry} | ${f.droppedAfterRetries} | ${f.droppedAtClients} | ${f.peakRssMiB.toFixed(0)} (${f.peakRssAnonMiB.toFixed(0)}) / ${f.limitMiB} MiB | ${f.collectorRestarts} |`,
  ].join("\n");
}
