// `npm run bench`: bare, the peer (OpenTelemetry's getting-started default) and ours, side by side on
// two routes, in one invocation; prints one table and writes the JSON (BENCH_OUT, default
// .bench/results.json). `--smoke` (or BENCH_SMOKE=1): tiny durations, for the test that keeps the suite
// from rotting; its figures mean nothing. BENCH_ROUNDS sets the interleaved rounds (default 3);
// BENCH_PARTS a subset of service,scrape,collector,stack; BENCH_ROUTES a subset of cv,hello;
// BENCH_VARIANTS a subset of bare,peer,before,ours; BENCH_NODE_FLAGS replaces the services' node flags. Starts the real stack for the last part, so it needs the ports
// `npm start` uses (run it while no other stack runs; OTEL_STACK_LOCK=<file> takes turns by flock).
import { mkdirSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { projectRoot } from "../src/stack/provision/util.ts";
import { provisionCollector, provisionTelemetrygen } from "../src/stack/provision/go.ts";
import { startStack } from "../src/stack/stack.ts";
import { envPort } from "../src/config/index.ts";
import { loadCollector, measureCollectorAlone } from "./collector.ts";
import { measureFixedRate } from "./fixed-rate.ts";
import { measureFreshness } from "./freshness.ts";
import { benchOptions } from "./lib/options.ts";
import { pinning, pinSelfToLoadCore, pinToMeasuredCore, rssMiB } from "./lib/proc.ts";
import { startNullSink } from "./lib/sink.ts";
import { withStackLock } from "./lib/stack-lock.ts";
import { ROUTE_NAMES, ROUTES, type RouteName } from "./lib/load.ts";
import { VARIANTS } from "./lib/targets.ts";
import { rowsOf, table, writeJson, type Results, type ServiceRound } from "./report.ts";
import { measureScrape } from "./scrape.ts";
import { startAndSettle } from "./service-startup.ts";
import { measureThroughput } from "./throughput.ts";

const options = benchOptions(process.argv.includes("--smoke") || process.env.BENCH_SMOKE === "1");
const out = process.env.BENCH_OUT ?? join(projectRoot, ".bench", "results.json");
const say = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const meta = {
  date: new Date().toISOString(),
  command: `node bench/index.ts ${process.argv.slice(2).join(" ")}`.trim(),
  machine: { cpu: cpus()[0]?.model, cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), loadAverageAtStart: loadavg() },
  node: process.version,
  pinning: pinning ? `service on core ${pinning.measured}, load on core ${pinning.load}` : "none (no taskset or one core)",
  options,
};

const PARTS = ["service", "scrape", "collector", "stack"] as const;
const parts = new Set((process.env.BENCH_PARTS ?? PARTS.join(",")).split(",").map((part) => part.trim()));
const routeNames = ROUTE_NAMES.filter((name) => (process.env.BENCH_ROUTES ?? ROUTE_NAMES.join(",")).split(",").includes(name));

async function serviceRounds(otlpEndpoint: string): Promise<Results["service"]> {
  const service: NonNullable<Results["service"]> = { bare: [], peer: [], ours: [], before: [] };
  for (let round = 1; round <= options.rounds; round++) {
    for (const variant of VARIANTS) {
      say(`round ${round}/${options.rounds}: ${variant}`);
      const started = await startAndSettle(variant, otlpEndpoint);
      try {
        const routes: ServiceRound["routes"] = {};
        for (const name of routeNames) {
          const fixedRate = await measureFixedRate(started.target, ROUTES[name], options);
          routes[name as RouteName] = { fixedRate, throughput: await measureThroughput(started.target, ROUTES[name], options) };
        }
        service[variant].push({ started, routes, loadedRssMiB: rssMiB(started.target.pid) });
      } finally {
        await started.target.stop();
      }
    }
  }
  return service;
}

async function stackParts(telemetrygen: string): Promise<Pick<Results, "freshness" | "collectorBackends">> {
  say("the real stack: freshness, then the collector into the real backends");
  const stack = await startStack({ loadgen: false });
  try {
    const freshness = await measureFreshness(stack.endpoints, options);
    const collector = stack.running.find((running) => running.component.name === "collector")!;
    pinToMeasuredCore(collector.child.pid!);
    const telemetryUrl = `http://127.0.0.1:${envPort("COLLECTOR_TELEMETRY_PORT", 8888)}/metrics`;
    const otlpGrpc = `127.0.0.1:${envPort("COLLECTOR_OTLP_GRPC_PORT", 4317)}`;
    return { freshness, collectorBackends: await loadCollector({ pid: collector.child.pid!, telemetryUrl, otlpGrpc }, telemetrygen, options) };
  } finally {
    await stack.stop();
  }
}

pinSelfToLoadCore();
const results: Results = {};
const sink = await startNullSink();
if (parts.has("service")) results.service = await serviceRounds(sink.url);
if (parts.has("scrape")) {
  say("/metrics scrapes");
  results.scrape = await measureScrape(sink.url, options);
}
await sink.close();
const telemetrygen = parts.has("collector") || parts.has("stack") ? await provisionTelemetrygen() : "";
if (parts.has("collector")) {
  say("collector alone, null sink");
  results.collectorNull = await measureCollectorAlone(await provisionCollector(), telemetrygen, options);
}
if (parts.has("stack")) Object.assign(results, await withStackLock(() => stackParts(telemetrygen), process.env.OTEL_STACK_LOCK, say));

const rows = rowsOf(results);
mkdirSync(dirname(out), { recursive: true });
writeJson(out, { ...meta, loadAverageAtEnd: loadavg() }, results, rows);
console.log(`\n${table(rows)}\n`);
console.log(
  `${meta.date}, ${meta.machine.cores} × ${meta.machine.cpu}, ${meta.pinning}, load average ${meta.machine.loadAverageAtStart.map((l) => l.toFixed(1)).join(" ")} at start. JSON: ${out}`,
);
