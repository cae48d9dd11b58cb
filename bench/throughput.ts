// Saturated throughput: as many requests as the service answers on its one core, 10 connections.
import { load, type Route } from "./lib/load.ts";
import type { BenchOptions } from "./lib/options.ts";
import type { RunningTarget } from "./lib/targets.ts";

export interface Throughput {
  requestsPerSecond: number;
  failed: number;
}

export async function measureThroughput(target: RunningTarget, route: Route, options: BenchOptions): Promise<Throughput> {
  const result = await load(target.url, route, { durationS: options.saturateS });
  return { requestsPerSecond: result.requestsPerSecond, failed: result.failed };
}
