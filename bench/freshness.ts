// Freshness under the real stack with npm start's settings (no shortened intervals): for each match
// request, the time from its answer until (a) its trace, with spans of all three services, is
// queryable in Jaeger, (b) its log records from the three services are searchable through the
// Elasticsearch API (no forced _refresh: what a person searching would see), (c) it is counted in
// Prometheus on the scrape path and (d) on the remote-write path.
import { setTimeout as sleep } from "node:timers/promises";
import type { Endpoints } from "../src/stack/endpoints.ts";
import { logsOfTrace, queryInstant, servicesOf, traceById } from "../src/backends/index.ts";
import { CV_TEXT, JOB_TEXT } from "../test/services/samples.ts";
import type { BenchOptions } from "./lib/options.ts";

export interface Freshness {
  traceS: number[];
  logsS: number[];
  scrapeS: number[];
  remoteWriteS: number[];
}

const GIVE_UP_MS = 120_000;
const POLL_MS = 100;

async function match(endpoints: Endpoints): Promise<string> {
  const response = await fetch(`${endpoints.matchingApi}/v1/matches`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ cv: CV_TEXT, job: JOB_TEXT }),
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`POST /v1/matches answered ${response.status}`);
  return response.headers.get("traceresponse")!.split("-")[1]!;
}

async function logServices(endpoints: Endpoints, traceId: string): Promise<number> {
  return new Set((await logsOfTrace(endpoints.elasticsearch, traceId)).map((line) => line.service)).size;
}

/** Seconds from `since` until `check` holds, polling; NaN if it never does. */
async function secondsUntil(since: number, check: () => Promise<boolean>): Promise<number> {
  while (performance.now() - since < GIVE_UP_MS) {
    if (await check().catch(() => false)) return (performance.now() - since) / 1000;
    await sleep(POLL_MS);
  }
  return NaN;
}

const COUNTED = (path: "scrape" | "remote write") =>
  `sum(http_server_request_duration_seconds_count{service_name="matching-api", http_request_method="POST", source${path === "scrape" ? "=" : "!="}"scrape"})`;

async function counted(endpoints: Endpoints, path: "scrape" | "remote write"): Promise<number> {
  const [sample] = await queryInstant(endpoints.prometheus, COUNTED(path));
  return sample?.value ?? 0;
}

/** The i-th request (1-based) is counted once the total reaches baseline + i. */
async function countingTimes(endpoints: Endpoints, path: "scrape" | "remote write", baseline: number, sentAt: number[], total: number): Promise<number[]> {
  const seen: number[] = Array(total).fill(NaN);
  const started = performance.now();
  while (seen.some(Number.isNaN) && performance.now() - started < GIVE_UP_MS + total * 1000) {
    const value = await counted(endpoints, path).catch(() => baseline);
    for (let i = 0; i < sentAt.length; i++) {
      if (Number.isNaN(seen[i]!) && value >= baseline + i + 1) seen[i] = (performance.now() - sentAt[i]!) / 1000;
    }
    await sleep(POLL_MS * 2);
  }
  return seen;
}

export async function measureFreshness(endpoints: Endpoints, options: BenchOptions): Promise<Freshness> {
  // A first request creates the indices and series the others are timed against.
  const first = await match(endpoints);
  const warm = performance.now();
  await secondsUntil(warm, async () => (await logServices(endpoints, first)) === 3);
  await secondsUntil(warm, async () => (await counted(endpoints, "remote write")) > 0 && (await counted(endpoints, "scrape")) > 0);
  await sleep(1_000);
  const baselines = { scrape: await counted(endpoints, "scrape"), remoteWrite: await counted(endpoints, "remote write") };

  const sentAt: number[] = [];
  const perRequest: Array<Promise<[number, number]>> = [];
  const metrics = (async () => {
    while (sentAt.length === 0) await sleep(10);
    return Promise.all([
      countingTimes(endpoints, "scrape", baselines.scrape, sentAt, options.freshnessRequests),
      countingTimes(endpoints, "remote write", baselines.remoteWrite, sentAt, options.freshnessRequests),
    ]);
  })();
  for (let i = 0; i < options.freshnessRequests; i++) {
    const traceId = await match(endpoints);
    const answered = performance.now();
    sentAt.push(answered);
    perRequest.push(
      Promise.all([
        secondsUntil(answered, async () => servicesOf(await traceById(endpoints.jaeger, traceId)).size === 3),
        secondsUntil(answered, async () => (await logServices(endpoints, traceId)) === 3),
      ]),
    );
    await sleep(options.smoke ? 100 : 1_000);
  }
  const [each, [scrapeS, remoteWriteS]] = await Promise.all([Promise.all(perRequest), metrics]);
  return { traceS: each.map(([trace]) => trace), logsS: each.map(([, logs]) => logs), scrapeS, remoteWriteS };
}
