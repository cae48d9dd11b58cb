// The hostile and broken clients, one case each: what it sends (`load`, quoted in the table) and
// what the gateway or the service answered, with figures of its own (notes). Everything goes to the
// stack's loopback addresses; every loop is bounded in count and time. "short" is the size `npm test`
// runs (test/e2e/abuse.test.ts), "full" the size of issue 17's measurements.
import { setTimeout as sleep } from "node:timers/promises";
import type { RunningStack } from "../../../src/stack/stack.ts";
import { pollUntil } from "../../../src/lifecycle/poll.ts";
import { queryInstant, traceById } from "../../../src/backends/index.ts";
import { loadBody, openLoop, SPANS_PER_REQUEST, sustainableRate } from "../overload.ts";
import { cardinalityBomb, compressionBomb, garbageProtobuf, manyAttributes, nestedLog, oneSpan, skewedGauge } from "./bodies.ts";
import { slowClients } from "./slow-client.ts";

export type Scale = "full" | "short";

export interface CaseResult {
  /** Answers by HTTP status (0: no connection, or no answer within the request's timeout). */
  answers: Record<string, number>;
  notes: string[];
  /** Figures a test may assert on, by name. */
  figures?: Record<string, number>;
}

export interface AbuseCase {
  name: string;
  /** What it sends, in a few words. */
  load: string;
  /** How long to keep watching after it (remote write and rules lag the intake). */
  settleSeconds?: number;
  run(stack: RunningStack): Promise<CaseResult>;
}

const MiB = 2 ** 20;
const SIZES = {
  full: {
    depths: [10_000, 100_000],
    series: 200_000,
    bombRequests: 40,
    bombBytes: 1024 * MiB,
    slowSockets: 256,
    slowSeconds: 20,
    floodSeconds: 20,
    measureSeconds: 8,
  },
  short: { depths: [100_000], series: 20_000, bombRequests: 4, bombBytes: 256 * MiB, slowSockets: 64, slowSeconds: 6, floodSeconds: 6, measureSeconds: 4 },
};
/** The flood's rate, in multiples of what the collector sustains (measured first, as the overload fault does). */
export const FLOOD_FACTOR = 10;

type Sent = { status: number; ms: number };

async function send(url: string, body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}, timeoutMs = 30_000): Promise<Sent> {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - started };
  } catch {
    return { status: 0, ms: performance.now() - started };
  }
}

const count = (sent: Sent[]) => sent.reduce<Record<string, number>>((answers, { status }) => ({ ...answers, [status]: (answers[status] ?? 0) + 1 }), {});
const slowest = (sent: Sent[]) => `slowest answer ${Math.max(...sent.map(({ ms }) => ms)).toFixed(0)} ms`;
const collectorPort = (stack: RunningStack, variable: string, fallback: string) =>
  stack.running.find(({ component }) => component.name === "collector")?.component.env?.[variable] ?? fallback;

/** What Jaeger kept of one span: its attribute count, its longest value and its events, or that it never came. */
async function keptInJaeger(stack: RunningStack, traceId: string): Promise<string> {
  try {
    const span = await pollUntil(async () => (await traceById(stack.endpoints.jaeger, traceId))[0], `span ${traceId} in Jaeger`, {
      timeoutMs: 30_000,
      intervalMs: 1_000,
    });
    const tags = Object.values(span.tags);
    const longest = Math.max(0, ...tags.map((value) => String(value).length));
    return `Jaeger kept ${tags.length} tags (longest ${longest} chars), ${span.events ?? 0} events`;
  } catch {
    return "not in Jaeger after 30 s";
  }
}

/** The bomb's series in Prometheus once remote write has settled (the same count 10 s apart, at most 90 s). */
async function bombInPrometheus(stack: RunningStack, service: string): Promise<{ series: number; overflow: number }> {
  const seriesOf = async (selector: string) =>
    (await queryInstant(stack.endpoints.prometheus, `count(abuse_bomb_requests_total{service_name="${service}"${selector}})`).catch(() => []))[0]?.value ?? 0;
  let last = -1;
  const series = await pollUntil(
    async () => {
      const now = await seriesOf("");
      const settled = now > 0 && now === last;
      last = now;
      return settled && now;
    },
    "the bomb's series count in Prometheus to settle",
    { timeoutMs: 90_000, intervalMs: 10_000 },
  ).catch(() => last);
  return { series, overflow: await seriesOf(',otel_metric_overflow="true"') };
}

async function oneSpanCase(stack: RunningStack, spec: Parameters<typeof oneSpan>[1]): Promise<CaseResult> {
  const { traceId, body } = oneSpan("abuse-span", spec);
  const sent = await send(`${stack.endpoints.collector}/v1/traces`, body);
  return {
    answers: count([sent]),
    notes: [`${(body.length / MiB).toFixed(1)} MiB of JSON, answered in ${sent.ms.toFixed(0)} ms`, await keptInJaeger(stack, traceId)],
  };
}

export function abuseCases(scale: Scale): AbuseCase[] {
  const size = SIZES[scale];
  return [
    { name: "none (baseline)", load: "the canary alone", run: async () => ({ answers: {}, notes: [] }) },
    {
      name: "garbage protobuf",
      load: "10 × 1 MiB random bytes per signal",
      async run(stack) {
        const sent = await Promise.all(
          ["traces", "logs", "metrics"].flatMap((signal) =>
            Array.from({ length: 10 }, () =>
              send(`${stack.endpoints.collector}/v1/${signal}`, garbageProtobuf(MiB), { "content-type": "application/x-protobuf" }),
            ),
          ),
        );
        return { answers: count(sent), notes: [slowest(sent)] };
      },
    },
    {
      name: "deeply nested JSON",
      load: `log bodies, kvlist ${size.depths.map((d) => `${d / 1000}k`).join(" and ")} deep`,
      async run(stack) {
        const sent = await Promise.all(size.depths.map((depth) => send(`${stack.endpoints.collector}/v1/logs`, nestedLog("abuse-nested", depth))));
        return { answers: count(sent), notes: [slowest(sent)] };
      },
    },
    ...(["gzip", "zstd"] as const).map((encoding): AbuseCase => ({
      name: `${encoding} bomb`,
      load: `${size.bombBytes / MiB} MiB inflated`,
      async run(stack) {
        const body = await compressionBomb(encoding, size.bombBytes);
        const sent = await Promise.all(Array.from({ length: 4 }, () => send(`${stack.endpoints.collector}/v1/traces`, body, { "content-encoding": encoding })));
        return { answers: count(sent), notes: [`4 × ${(body.length / 1024).toFixed(0)} KiB compressed`, slowest(sent)] };
      },
    })),
    { name: "1 MiB attribute", load: "one span, one 1 MiB value", run: (stack) => oneSpanCase(stack, { attributes: { "abuse.blob": "x".repeat(MiB) } }) },
    { name: "10k attributes", load: "one span, 10,000 attributes", run: (stack) => oneSpanCase(stack, { attributes: manyAttributes(10_000) }) },
    { name: "10k events", load: "one span, 10,000 events", run: (stack) => oneSpanCase(stack, { events: 10_000 }) },
    {
      name: "slow clients",
      load: `${size.slowSockets} sockets × ${size.slowSeconds} s, 1 byte/s`,
      async run(stack) {
        const f = await slowClients(stack.endpoints.collector, { sockets: size.slowSockets, seconds: size.slowSeconds });
        const closed = f.closedByServer ? `, median after ${f.medianCloseS!.toFixed(1)} s` : "";
        return {
          answers: f.answers,
          notes: [`${f.closedByServer} of ${f.sockets} closed by the gateway within ${size.slowSeconds} s${closed}; ${f.refused} refused`],
        };
      },
    },
    {
      // Prometheus refuses a whole remote-write request for one sample it cannot place in time, and one
      // point an hour ahead made every later one "too old" (filter/prometheus-time-window in gateway.yaml).
      name: "clock an hour off",
      load: `metric points stamped 1 h ago and 1 h ahead, 5/s for ${size.floodSeconds} s`,
      async run(stack) {
        const url = `${stack.endpoints.collector}/v1/metrics`;
        const sent: Sent[] = [];
        for (let tick = 0; tick < size.floodSeconds * 5; tick++) {
          sent.push(...(await Promise.all([-3_600_000, 3_600_000].map((offset) => send(url, skewedGauge("abuse-clock", offset))))));
          await sleep(200);
        }
        return { answers: count(sent), notes: [slowest(sent)] };
      },
    },
    {
      name: "16 KB URL paths",
      load: "20 at once at matching-api",
      async run(stack) {
        const api = stack.endpoints.matchingApi;
        const health: number[] = [];
        let done = false;
        const watch = (async () => {
          while (!done) {
            const started = performance.now();
            await fetch(`${api}/health`, { signal: AbortSignal.timeout(30_000) }).then(
              (r) => r.arrayBuffer(),
              () => undefined,
            );
            health.push(performance.now() - started);
          }
        })();
        const path = `/${"a".repeat(16_000)}`;
        const started = performance.now();
        const sent = await Promise.all(
          Array.from({ length: 20 }, async () => {
            const response = await fetch(`${api}${path}`, { signal: AbortSignal.timeout(30_000) }).catch(() => undefined);
            await response?.arrayBuffer();
            return { status: response?.status ?? 0, ms: performance.now() - started };
          }),
        );
        done = true;
        await watch;
        return { answers: count(sent), notes: [`/health meanwhile: ${health.length} probes, max ${Math.max(...health).toFixed(0)} ms`, slowest(sent)] };
      },
    },
    {
      name: `flood (${FLOOD_FACTOR}× sustainable)`,
      load: `one service, ${size.floodSeconds} s`,
      async run(stack) {
        const url = stack.endpoints.collector;
        const body = loadBody("abuse-flood");
        const sustainable = await sustainableRate(url, body, size.measureSeconds);
        const started = Date.now();
        const loop = openLoop(url, body, (SPANS_PER_REQUEST / (sustainable * FLOOD_FACTOR)) * 1000, 256);
        await pollUntil(() => Date.now() - started >= size.floodSeconds * 1000, "the flood's end", {
          timeoutMs: size.floodSeconds * 1000 + 5_000,
          intervalMs: 500,
        });
        const { sent, droppedAtClients } = await loop.stop();
        const seconds = (Date.now() - started) / 1000;
        const rate = (requests: number) => `${((requests * SPANS_PER_REQUEST) / seconds).toFixed(0)}`;
        return {
          answers: count(sent.map(({ first }) => ({ status: first, ms: 0 }))),
          notes: [
            `sustainable ${sustainable.toFixed(0)} spans/s; offered ${rate(sent.length + droppedAtClients)}, taken ${rate(sent.filter(({ accepted }) => accepted).length)} spans/s`,
            `${sent.filter(({ accepted }) => !accepted).length} requests given up after the SDK's retries, ${droppedAtClients} dropped at the client (256 in flight)`,
          ],
        };
      },
    },
    {
      name: "cardinality bomb",
      load: `${size.series / 1000}k series, ${size.bombRequests} requests over ${size.bombRequests / 10} s`,
      settleSeconds: 10,
      async run(stack) {
        // Its own service name each run: Prometheus keeps an earlier run's series for a while.
        const service = `abuse-bomb-${Date.now().toString(36)}`;
        const bodies = cardinalityBomb(service, size.series, size.bombRequests);
        const sends: Array<Promise<Sent>> = [];
        for (const body of bodies) {
          sends.push(send(`${stack.endpoints.collector}/v1/metrics`, body));
          // Paced, not awaited: 10 requests a second whatever the answers, as the issue sent them.
          await sleep(100);
        }
        const sent = await Promise.all(sends);
        const started = performance.now();
        const page = await fetch(`http://127.0.0.1:${collectorPort(stack, "COLLECTOR_PROMETHEUS_PORT", "8889")}/metrics`, {
          signal: AbortSignal.timeout(60_000),
        })
          .then((r) => r.arrayBuffer())
          .catch(() => new ArrayBuffer(0));
        const pull = `pull page (8889): ${(page.byteLength / MiB).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`;
        const { series, overflow } = await bombInPrometheus(stack, service);
        return {
          answers: count(sent),
          notes: [pull, `Prometheus holds ${series} of its series, ${overflow} of them otel_metric_overflow="true"`],
          figures: { seriesInPrometheus: series },
        };
      },
    },
  ];
}
