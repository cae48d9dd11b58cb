// telemetrygen (collector-contrib, provisioned like the collector) as the load: several processes
// on the load core, each with two workers, for a fixed time per signal.
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const exec = promisify(execFile);
export type GeneratedSignal = "traces" | "logs" | "metrics";

export async function generate(binary: string, signal: GeneratedSignal, otlpGrpc: string, durationS: number, processes = 2): Promise<void> {
  const args = [signal, "--otlp-endpoint", otlpGrpc, "--otlp-insecure", "--workers", "2", "--duration", `${durationS}s`, "--service", "bench-telemetrygen"];
  // Logs and metrics go out as fast as the generator makes them. Traces go through the Go SDK's
  // batch span processor, which drops what its queue cannot hold when unthrottled (most of it):
  // --rate counts spans: 4,000 a second per worker, ten a trace, 32k/s offered over 4 processes.
  args.push(...(signal === "traces" ? ["--rate", "4000", "--child-spans", "9", "--batch-size", "1000"] : ["--rate", "0"]));
  processes = signal === "traces" ? 4 : processes;
  await Promise.all(Array.from({ length: processes }, () => exec(binary, args, { timeout: (durationS + 60) * 1000 })));
}
