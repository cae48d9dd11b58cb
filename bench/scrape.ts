// /metrics scrape time, and the event-loop delay the service suffers during it, at today's series
// count (cv-parser after some load) and at about 2,000 series (a synthetic histogram over more
// routes). The target runs on the measured core; the scraper here on the load core.
import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { SERVICE_NODE_FLAGS, SERVICES } from "../src/services/catalog.ts";
import { freePort } from "../test/support/ports.ts";
import { load, ROUTES } from "./lib/load.ts";
import type { BenchOptions } from "./lib/options.ts";
import { pinToMeasuredCore, stopProcess } from "./lib/proc.ts";
import { spread, type Spread } from "./lib/stats.ts";
import { waitForOk } from "./lib/wait.ts";
import type { DelayReport, ScrapeTargetMessage } from "./scrape-target.ts";

export interface ScrapeResult {
  series: number;
  scrapeMs: Spread;
  eventLoopDelayMaxMs: Spread;
}

export const MANY_SERIES = 2_000;
/** Buckets (the 15 default bounds and +Inf) plus _sum and _count: the lines one histogram series adds. */
const LINES_PER_HISTOGRAM = 18;

function ask(child: ChildProcess, message: ScrapeTargetMessage, answer: string): Promise<Record<string, unknown>> {
  const reply = new Promise<Record<string, unknown>>((resolve, reject) => {
    const onExit = () => reject(new Error(`the scrape target exited while waiting for ${answer}`));
    const onMessage = (m: Record<string, unknown>) => {
      if (m.kind !== answer) return;
      child.off("message", onMessage);
      child.off("exit", onExit);
      resolve(m);
    };
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
  child.send(message);
  return reply;
}

const seriesIn = (exposition: string) => exposition.split("\n").filter((line) => line && !line.startsWith("#")).length;

async function scrapeSeveral(child: ChildProcess, metricsUrl: string, count: number): Promise<ScrapeResult> {
  const times: number[] = [];
  const delays: number[] = [];
  let series = 0;
  for (let i = 0; i < count; i++) {
    await ask(child, { kind: "watch" }, "watching");
    const started = performance.now();
    const text = await (await fetch(metricsUrl)).text();
    times.push(performance.now() - started);
    const report = (await ask(child, { kind: "report" }, "delay")) as unknown as DelayReport;
    delays.push(report.maxMs);
    series = seriesIn(text);
  }
  return { series, scrapeMs: spread(times), eventLoopDelayMaxMs: spread(delays) };
}

export async function measureScrape(otlpEndpoint: string, options: BenchOptions): Promise<{ today: ScrapeResult; many: ScrapeResult }> {
  const spec = SERVICES["cv-parser"];
  const [port, metricsPort] = [await freePort(), await freePort()];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    OTEL_SERVICE_NAME: spec.name,
    [spec.portEnv]: String(port),
    OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort),
    OTEL_EXPORTER_OTLP_ENDPOINT: otlpEndpoint,
  };
  delete env.SENTRY_DSN;
  const child = fork(fileURLToPath(new URL("./scrape-target.ts", import.meta.url)), {
    env,
    execArgv: SERVICE_NODE_FLAGS,
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  try {
    await once(child, "message");
    pinToMeasuredCore(child.pid!);
    const url = `http://127.0.0.1:${port}`;
    const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    await waitForOk(`${url}/health`, { child });
    // Today's series: the ones a loaded cv-parser has (HTTP, domain, runtime, process).
    await load(url, ROUTES.cv, { durationS: options.warmupS, rate: options.rate });
    const today = await scrapeSeveral(child, metricsUrl, options.scrapes);
    const routes = Math.max(0, Math.ceil((MANY_SERIES - today.series) / LINES_PER_HISTOGRAM));
    await ask(child, { kind: "add-routes", count: routes }, "added");
    const many = await scrapeSeveral(child, metricsUrl, options.scrapes);
    return { today, many };
  } finally {
    await stopProcess(child);
  }
}
