// How many spans per second one core of a gateway carries (gateway.yaml + the tail-sampling overlay,
// real backends behind it). Starts the stack with one gateway behind the agent, sends telemetrygen
// traces straight into the gateway as fast as it takes them, and divides the spans the gateway
// accepted by the CPU seconds it used (from /proc), so a busy neighbour on the machine slows the run
// but barely moves the figure. `npm run bench:gateway` (needs the stack's ports: run it alone).
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { provisionTelemetrygen } from "../src/stack/provision/go.ts";
import { startStack } from "../src/stack/stack.ts";

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
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"))!;
  return Math.round(Number(line.split(/\s+/)[1]) / 1024);
}

async function acceptedSpans(metricsUrl: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  return text.split("\n").filter((line) => line.startsWith("otelcol_receiver_accepted_spans_total{")).reduce((sum, line) => sum + Number(line.split(" ").at(-1)), 0);
}

const telemetrygen = await provisionTelemetrygen();
process.env.LOADGEN = "off";
const stack = await startStack({ gateways: 1 });
try {
  const gateway = stack.running.find(({ component }) => component.name === "gateway-1")!;
  const pid = gateway.child.pid!;
  const env = gateway.component.env!;
  const metricsUrl = `http://127.0.0.1:${env.COLLECTOR_TELEMETRY_PORT}/metrics`;
  const [spans0, cpu0, wall0] = [await acceptedSpans(metricsUrl), cpuSeconds(pid), performance.now()];
  await exec(telemetrygen, [
    "traces", "--otlp-endpoint", `127.0.0.1:${env.COLLECTOR_OTLP_GRPC_PORT}`, "--otlp-insecure", "--service", "bench-gateway",
    "--duration", `${SECONDS}s`, "--rate", "0", "--workers", String(WORKERS), "--child-spans", "4",
    "--telemetry-attributes", 'http.request.method="GET"',
  ]);
  const [spans1, cpu1, wall1] = [await acceptedSpans(metricsUrl), cpuSeconds(pid), performance.now()];
  const spans = spans1 - spans0;
  const cpu = cpu1 - cpu0;
  const wall = (wall1 - wall0) / 1000;
  console.log(`gateway (gateway.yaml + gateway.tail-sampling.yaml), telemetrygen ${WORKERS} workers for ${SECONDS}s, 5 spans per trace:`);
  console.log(`  accepted ${spans} spans in ${wall.toFixed(1)}s wall = ${Math.round(spans / wall)} spans/s`);
  console.log(`  used ${cpu.toFixed(1)} CPU-s (${(cpu / wall).toFixed(2)} cores on average) = ${Math.round(spans / cpu)} spans/s per core`);
  console.log(`  RSS after the run: ${rssMiB(pid)} MiB`);
  console.log("  (shared 2-core machine: telemetrygen and the backends ran on the same cores; figures are noisy)");
} finally {
  await stack.stop();
}
