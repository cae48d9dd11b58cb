// `npm run soak -- --minutes N` (default 60; --rate R requests/s, default LOADGEN_RATE or 2): the
// real stack under the load generator's corpus traffic, sampled every minute (SOAK_SAMPLE_SECONDS);
// prints a line per sample, then growth per hour per part and the days until each disk cap at that
// rate (Markdown, for docs/reliability.md). Ctrl-C ends the run early and still reports.
import { writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { diskBudget, formatBytes } from "../../src/config/disk-budget.ts";
import { envNumber } from "../../src/config/index.ts";
import { generateLoad } from "../../src/loadgen/index.ts";
import { startStack, type RunningStack } from "../../src/stack/stack.ts";
import { formatSummary, summarize, type SoakSummary } from "./report.ts";
import { takeSample, type Counters, type Sample } from "./sample.ts";

export interface SoakOptions {
  minutes: number;
  /** Mean requests per second of the load generator. */
  rate: number;
  sampleSeconds?: number;
  onSample?: (sample: Sample) => void;
  /** Ends the run early; the samples so far are summarized. */
  signal?: AbortSignal;
  onEvent?: (message: string) => void;
}

export interface SoakResult {
  samples: Sample[];
  summary: SoakSummary;
  /** Load generator answers by kind and status, e.g. "match_200". */
  answers: Record<string, number>;
}

export async function runSoak({ minutes, rate, sampleSeconds = 60, onSample, signal, onEvent }: SoakOptions): Promise<SoakResult> {
  const stack: RunningStack = await startStack({ onEvent });
  const load = new AbortController();
  const answers = new Map<string, number>();
  const counters: Counters = { requestErrors: 0 };
  const samples: Sample[] = [];
  try {
    const loading = generateLoad({
      matchingApiUrl: stack.endpoints.matchingApi,
      rate,
      signal: load.signal,
      onResult: (kind, status) => {
        answers.set(`${kind}_${status}`, (answers.get(`${kind}_${status}`) ?? 0) + 1);
        // The generator's bad requests are meant to be refused (422); anything else but a 2xx is an error.
        if (!(status >= 200 && status < 300) && !(kind === "bad" && status >= 400 && status < 500)) counters.requestErrors += 1;
      },
    });
    const started = performance.now();
    const where = {
      running: stack.running,
      collectorMetricsUrl: `${stack.endpoints.collectorTelemetry}/metrics`,
      storeUrl: stack.endpoints.elasticsearch,
    };
    const count = Math.max(1, Math.round((minutes * 60) / sampleSeconds));
    for (let i = 0; i <= count && !signal?.aborted; i++) {
      // The sampling clock: the next sample is due at i intervals after the first.
      await sleep(Math.max(0, started + i * sampleSeconds * 1000 - performance.now()), undefined, { signal }).catch(() => undefined);
      if (signal?.aborted && samples.length >= 2) break;
      const sample = await takeSample(where, counters, Math.round((performance.now() - started) / 1000));
      samples.push(sample);
      onSample?.(sample);
    }
    load.abort();
    await loading;
  } finally {
    load.abort();
    await stack.stop();
  }
  return { samples, summary: summarize(samples, diskBudget().caps), answers: Object.fromEntries(answers) };
}

function sampleLine(sample: Sample): string {
  const rss = Object.values(sample.parts).reduce((sum, part) => sum + part.rssMiB, 0);
  const queued = Object.values(sample.queues).reduce((sum, bytes) => sum + bytes, 0);
  const disk = Object.entries(sample.disk)
    .map(([part, bytes]) => `${part} ${formatBytes(bytes)}`)
    .join(", ");
  const restarts = Object.values(sample.restarts).reduce((sum, n) => sum + n, 0);
  const { requests, refused, sendFailed } = sample.errors;
  return `${String(Math.round(sample.at / 60)).padStart(3)} min  RSS ${rss.toFixed(0)} MiB  ${disk}  queued ${formatBytes(queued)}  errors ${requests}/${refused}/${sendFailed}  restarts ${restarts}  load ${loadavg()[0]!.toFixed(2)}`;
}

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

if (import.meta.main) {
  const minutes = Number(option("minutes") ?? 60);
  const rate = Number(option("rate") ?? envNumber("LOADGEN_RATE", 2, { min: 0.01, max: 1000 }));
  if (!(minutes > 0) || !(rate > 0)) {
    console.error("usage: npm run soak -- [--minutes N] [--rate requests/s] [--json file]");
    process.exit(2);
  }
  const stop = new AbortController();
  process.once("SIGINT", () => stop.abort());
  process.once("SIGTERM", () => stop.abort());
  const budget = diskBudget();
  const loadBefore = loadavg();
  console.log(
    `soak: ${minutes} min at ${rate} requests/s, disk budget ${budget.text} (${Object.entries(budget.caps)
      .map(([part, cap]) => `${part} ${formatBytes(cap)}`)
      .join(", ")}); per sample: minute, total RSS, disk, queued, errors (requests/refused/export), restarts, load average`,
  );
  const result = await runSoak({
    minutes,
    rate,
    sampleSeconds: envNumber("SOAK_SAMPLE_SECONDS", 60, { min: 1, max: 3600 }),
    signal: stop.signal,
    onEvent: (message) => console.log(`  [supervisor] ${message}`),
    onSample: (sample) => console.log(sampleLine(sample)),
  });
  const requests = Object.values(result.answers).reduce((sum, n) => sum + n, 0);
  console.log(
    `\n${new Date().toISOString().slice(0, 16)}Z, ${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${Math.round(totalmem() / 2 ** 30)} GiB; ${result.summary.minutes} min, ${requests} requests (${(requests / Math.max(1, result.samples.at(-1)!.at)).toFixed(2)}/s: ${JSON.stringify(result.answers)}); load average ${loadBefore.map((n) => n.toFixed(2)).join(" ")} before, ${loadavg()
      .map((n) => n.toFixed(2))
      .join(" ")} after\n`,
  );
  console.log(formatSummary(result.summary));
  const json = option("json");
  if (json) writeFileSync(json, `${JSON.stringify(result, null, 2)}\n`);
  process.exit(result.summary.errors.requests || result.summary.restarts ? 1 : 0);
}
