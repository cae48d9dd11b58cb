// How many spans per second one core of a gateway (gateway.yaml + the tail-sampling overlay, real
// backends behind it) and of the agent carries. Starts the stack with one gateway behind the agent,
// sends telemetrygen traces into the agent as fast as they are taken, and divides the spans each
// collector accepted by the CPU seconds it used (from /proc), so a busy neighbour on the machine slows
// the run but barely moves the figure. `npm run bench:gateway` (needs the stack's ports: run it alone).
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { provisionTelemetrygen } from "../src/stack/provision/go.ts";
import { stackMemoryMiB, startStack } from "../src/stack/stack.ts";

const exec = promisify(execFile);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 4);
const CLOCK_TICKS = 100;

/** utime + stime of a process and its threads, in seconds. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmRSS:"))!;
  return Math.round(Number(line.split(/\s+/)[1]) / 1024);
}

async function acceptedSpans(metricsUrl: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  return text
    .split("\n")
    .filter((line) => line.startsWith("otelcol_receiver_accepted_spans_total{"))
    .reduce((sum, line) => sum + Number(line.split(" ").at(-1)), 0);
}

const telemetrygen = await provisionTelemetrygen();
process.env.LOADGEN = "off";
const stack = await startStack({ gateways: 1 });
try {
  const collectors = ["agent", "gateway-1"].map((name) => {
    const { component, child } = stack.running.find((running) => running.component.name === name)!;
    return { name, pid: child.pid!, metricsUrl: `http://127.0.0.1:${component.env!.COLLECTOR_TELEMETRY_PORT}/metrics` };
  });
  const sample = async () => Promise.all(collectors.map(async ({ pid, metricsUrl }) => ({ spans: await acceptedSpans(metricsUrl), cpu: cpuSeconds(pid) })));
  const [before, started] = [await sample(), performance.now()];
  await exec(telemetrygen, [
    "traces",
    "--otlp-endpoint",
    stack.endpoints.collectorGrpc,
    "--otlp-insecure",
    "--service",
    "bench-gateway",
    "--duration",
    `${SECONDS}s`,
    "--rate",
    "0",
    "--workers",
    String(WORKERS),
    "--child-spans",
    "4",
    "--telemetry-attributes",
    'http.request.method="GET"',
  ]);
  // Let the agent's queue drain into the gateway before the second reading.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const [after, wall] = [await sample(), (performance.now() - started) / 1000];
  console.log(`telemetrygen ${WORKERS} workers for ${SECONDS}s into the agent, 5 spans per trace, one gateway (tail sampling at its default 10 %):`);
  for (const [i, { name, pid }] of collectors.entries()) {
    const spans = after[i]!.spans - before[i]!.spans;
    const cpu = after[i]!.cpu - before[i]!.cpu;
    console.log(
      `  ${name}: accepted ${spans} spans (${Math.round(spans / wall)} spans/s over ${wall.toFixed(1)}s), used ${cpu.toFixed(1)} CPU-s (${(cpu / wall).toFixed(2)} cores) = ${Math.round(spans / cpu)} spans/s per core; RSS ${rssMiB(pid)} MiB`,
    );
  }
  const memory = stackMemoryMiB(stack.running);
  console.log(
    `  RSS of every component after the run (MiB): ${Object.entries(memory)
      .map(([name, mib]) => `${name} ${mib}`)
      .join(", ")}`,
  );
  console.log("  (shared 2-core machine: telemetrygen, the backends and other engineers' work ran on the same cores; figures are noisy)");
} finally {
  await stack.stop();
}
