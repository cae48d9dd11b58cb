// Saturated throughput: as many requests as the service answers on its one core, 10 connections.
import { postCvs } from "./lib/load.ts";
import type { BenchOptions } from "./lib/options.ts";
import type { RunningTarget } from "./lib/targets.ts";

export interface Throughput {
  requestsPerSecond: number;
  failed: number;
}

export async function measureThroughput(target: RunningTarget, options: BenchOptions): Promise<Throughput> {
  const load = await postCvs(target.url, { durationS: options.saturateS });
  return { requestsPerSecond: load.requestsPerSecond, failed: load.failed };
}
