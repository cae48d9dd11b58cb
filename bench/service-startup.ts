// Startup time and memory of one service with telemetry on (OTLP exporters pointing at nothing,
// /metrics served): spawn -> first healthy /health, then RSS at rest and after 200 parse requests.
// Prints figures; asserts nothing (`npm run bench:startup`).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { SERVICES, serviceEnv } from "../src/services/catalog.ts";
import { freePort } from "../test/support/ports.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const spec = SERVICES["cv-parser"];
const cv = readFileSync(new URL("../test/fixtures/corpus/cvs/cv01-en-backend-senior.txt", import.meta.url), "utf8");

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const startups: number[] = [];
const idle: number[] = [];
const loaded: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const port = await freePort();
  const env = serviceEnv(spec, { ...process.env, [spec.portEnv]: String(port), [spec.metricsPortEnv]: String(await freePort()), OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${await freePort()}` });
  const started = performance.now();
  const child = spawn(process.execPath, [spec.entry], { env, stdio: "ignore" });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    const ok = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    if (ok) break;
    await sleep(5);
  }
  startups.push(performance.now() - started);
  await sleep(1000);
  idle.push(rssMiB(child.pid!));
  for (let i = 0; i < 200; i++) {
    await fetch(`${url}/v1/cvs/parse`, { method: "POST", headers: { "content-type": "text/plain" }, body: cv });
  }
  loaded.push(rssMiB(child.pid!));
  child.kill("SIGTERM");
  await new Promise((resolve) => child.once("exit", resolve));
}

console.log(`cv-parser with telemetry on, ${RUNS} runs (node ${process.version})`);
console.log(`startup to healthy: median ${median(startups).toFixed(0)} ms (min ${Math.min(...startups).toFixed(0)}, max ${Math.max(...startups).toFixed(0)})`);
console.log(`RSS at rest: median ${median(idle).toFixed(1)} MiB; after 200 parses: median ${median(loaded).toFixed(1)} MiB`);
