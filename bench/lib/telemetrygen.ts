// telemetrygen (collector-contrib, provisioned like the collector) as the load: several processes
// on the load core, each with two workers at full speed, for a fixed time per signal.
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const exec = promisify(execFile);
export type GeneratedSignal = "traces" | "logs" | "metrics";

export async function generate(binary: string, signal: GeneratedSignal, otlpGrpc: string, durationS: number, processes = 2): Promise<void> {
  const args = [signal, "--otlp-endpoint", otlpGrpc, "--otlp-insecure", "--workers", "2", "--duration", `${durationS}s`, "--service", "bench-telemetrygen"];
  await Promise.all(Array.from({ length: processes }, () => exec(binary, args, { timeout: (durationS + 60) * 1000 })));
}
