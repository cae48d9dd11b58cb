// CPU per request and latency at a fixed rate: after a warm-up at that rate (the JIT settles),
// the service's own CPU time (from /proc) over the measured window divided by the responses.
import { load, type Route } from "./lib/load.ts";
import type { BenchOptions } from "./lib/options.ts";
import { cpuMs } from "./lib/proc.ts";
import type { RunningTarget } from "./lib/targets.ts";

export interface FixedRate {
  cpuPerRequestMs: number;
  p50Ms: number;
  p99Ms: number;
  achievedRate: number;
  failed: number;
}

export async function measureFixedRate(target: RunningTarget, route: Route, options: BenchOptions): Promise<FixedRate> {
  await load(target.url, route, { durationS: options.warmupS, rate: options.rate });
  const before = cpuMs(target.pid);
  const measured = await load(target.url, route, { durationS: options.fixedRateS, rate: options.rate });
  const cpu = cpuMs(target.pid) - before;
  return {
    cpuPerRequestMs: cpu / Math.max(1, measured.responses),
    p50Ms: measured.p50Ms,
    p99Ms: measured.p99Ms,
    achievedRate: measured.requestsPerSecond,
    failed: measured.failed,
  };
}
