// Light, realistic traffic from the corpus: matches of random CV/job pairs at a jittered pace,
// now and then a batch ranking and a bad request (so 4xx series exist too). `npm run loadgen`.
import { setTimeout as sleep } from "node:timers/promises";
import { loadCorpus } from "../corpus/load.ts";
import { onStopSignal } from "../lifecycle/signals.ts";
import { readFileSync } from "node:fs";
import { envNumber, envString } from "../config/index.ts";
import { endpointsFile } from "../config/paths.ts";
import { portOf, SERVICES } from "../services/catalog.ts";

export interface LoadOptions {
  matchingApiUrl: string;
  /** Mean requests per second. */
  rate: number;
  signal?: AbortSignal;
  onResult?: (kind: string, status: number) => void;
}

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)]!;

export async function generateLoad({ matchingApiUrl, rate, signal, onResult }: LoadOptions): Promise<void> {
  const corpus = loadCorpus();
  const cvs = corpus.cvs.map((doc) => doc.text);
  const jobs = corpus.jobs.map((doc) => doc.text);
  const post = async (kind: string, path: string, body: string) => {
    try {
      const response = await fetch(`${matchingApiUrl}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body, signal });
      await response.arrayBuffer();
      onResult?.(kind, response.status);
    } catch (error) {
      if (!signal?.aborted) onResult?.(`${kind}:${(error as Error).name}`, 0);
    }
  };
  while (!signal?.aborted) {
    const roll = Math.random();
    if (roll < 0.05) void post("bad", "/v1/matches", JSON.stringify({ cv: pick(cvs) }));
    else if (roll < 0.1) void post("rank", "/v1/matches:rank", JSON.stringify({ job: pick(jobs), cvs: [pick(cvs), pick(cvs), pick(cvs)] }));
    else void post("match", "/v1/matches", JSON.stringify({ cv: pick(cvs), job: pick(jobs) }));
    // Exponential gaps: arrivals of a Poisson process, as real users give.
    await sleep(-Math.log(1 - Math.random()) * (1000 / rate), undefined, { signal }).catch(() => undefined);
  }
}

/** The running stack's matching-api (its endpoints.json), else where this STACK_PORT_OFFSET puts it. */
function runningStackApi(): string {
  try {
    return (JSON.parse(readFileSync(endpointsFile(), "utf8")) as { matchingApi: string }).matchingApi;
  } catch {
    return `http://127.0.0.1:${portOf(SERVICES["matching-api"])}`;
  }
}

if (import.meta.main) {
  const controller = new AbortController();
  onStopSignal(() => controller.abort());
  const counts = new Map<string, number>();
  const report = setInterval(() => {
    console.log(JSON.stringify({ message: "loadgen", ...Object.fromEntries(counts) }));
  }, 10_000);
  await generateLoad({
    matchingApiUrl: envString("MATCHING_API_URL", runningStackApi()),
    rate: envNumber("LOADGEN_RATE", 2, { min: 0.01, max: 1000 }),
    signal: controller.signal,
    onResult: (kind, status) => counts.set(`${kind}_${status}`, (counts.get(`${kind}_${status}`) ?? 0) + 1),
  });
  clearInterval(report);
}
