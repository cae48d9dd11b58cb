// One soak sample: every part's RSS and CPU time, every backend's disk, the collector's queues,
// and the error and restart counters so far.
import { storeFigures } from "../../src/backends/elasticsearch-data.ts";
import { stackDiskUse, stackFilesystem, type DiskPart } from "../../src/stack/disk.ts";
import { stackUsage, type PartUsage } from "../../src/stack/memory.ts";
import type { Running } from "../../src/stack/supervisor.ts";
import { parseCollectorCounts, SIGNALS } from "../lib/collector-metrics.ts";

export interface Sample {
  /** Seconds since the load started. */
  at: number;
  parts: Record<string, PartUsage>;
  disk: Record<DiskPart, number>;
  filesystemFree: number;
  /** otelcol_exporter_queue_size per exporter/data type, in bytes (sizer: bytes). */
  queues: Record<string, number>;
  /** Store documents (log records and spans) and the bytes their indices take. */
  storeDocs: number;
  restarts: Record<string, number>;
  errors: { requests: number; refused: number; sendFailed: number };
}

export interface Counters {
  /** Load generator answers that were neither 2xx nor the refusal (4xx) of its deliberate bad requests. */
  requestErrors: number;
}

/** Queue size per "exporter/data_type" from the collector's own metrics. */
export function parseQueues(exposition: string): Record<string, number> {
  const queues: Record<string, number> = {};
  for (const match of exposition.matchAll(/^otelcol_exporter_queue_size\{([^}]*)\} ([0-9.e+-]+)$/gm)) {
    const label = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(match[1]!)?.[1] ?? "?";
    queues[`${label("exporter")}/${label("data_type")}`] = Number(match[2]);
  }
  return queues;
}

async function text(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}

async function storeDocs(storeUrl: string): Promise<number> {
  return (await storeFigures(storeUrl, "otel-*", { timeoutMs: 5_000 })).docs;
}

export async function takeSample(
  { running, collectorMetricsUrl, storeUrl }: { running: Running[]; collectorMetricsUrl: string; storeUrl: string },
  counters: Counters,
  at: number,
): Promise<Sample> {
  // A part that is down answers nothing: its figures are missing from this sample, and it shows as a restart.
  const exposition = await text(collectorMetricsUrl).catch(() => "");
  const counts = parseCollectorCounts(exposition);
  const sum = (bucket: Record<string, number>) => SIGNALS.reduce((total, signal) => total + (bucket[signal] ?? 0), 0);
  return {
    at,
    parts: stackUsage(running),
    disk: Object.fromEntries(stackDiskUse().map(({ part, bytes }) => [part, bytes])) as Record<DiskPart, number>,
    filesystemFree: stackFilesystem().free,
    queues: parseQueues(exposition),
    storeDocs: await storeDocs(storeUrl).catch(() => NaN),
    restarts: Object.fromEntries(running.map(({ component, restarts }) => [component.name, restarts])),
    errors: { requests: counters.requestErrors, refused: sum(counts.refused), sendFailed: sum(counts.sendFailed) },
  };
}
