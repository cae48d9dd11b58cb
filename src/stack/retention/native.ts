// Retention for the native store (OpenSearch without its index-management plugin): deletes the log
// records and spans whose @timestamp is older than LOG_RETENTION_DAYS, at start and then every hour.
// By query rather than by dropping whole indices: the collector writes to the fixed indices otel-logs
// and otel-traces, which every reader (lookup, console, Jaeger) reads by name, so there are no dated
// or rolled-over indices to drop. Compose's Elasticsearch rolls over and drops whole indices (ilm.ts).
// Jaeger's own daily indices are dropped whole, by the same job (jaeger.ts).
import { deleteByQuery } from "../../backends/elasticsearch-data.ts";
import { envNumber } from "../../config/index.ts";
import { deleteExpiredJaegerIndices } from "./jaeger.ts";

export const STORE_PATTERNS = "otel-logs*,otel-traces*";
export const DEFAULT_RETENTION_DAYS = 7;
const HOUR_MS = 3_600_000;

/** LOG_RETENTION_DAYS (whole days, 1…3650); a bad value warns once and the default of 7 is used. */
export function retentionDays(env: NodeJS.ProcessEnv = process.env): number {
  return envNumber("LOG_RETENTION_DAYS", DEFAULT_RETENTION_DAYS, { min: 1, max: 3650, integer: true }, env);
}

/** Deletes every document older than `days` days; resolves to how many went. */
export async function deleteExpired(baseUrl: string, days: number): Promise<number> {
  return deleteByQuery(baseUrl, STORE_PATTERNS, { range: { "@timestamp": { lt: `now-${days}d` } } });
}

export interface RetentionJob {
  stop(): void;
}

/** Runs deleteExpired now and every `intervalMs`; a failure is reported, never thrown (the store may be restarting). */
export function startRetention(
  baseUrl: string,
  { days = retentionDays(), intervalMs = HOUR_MS, report = console.warn }: { days?: number; intervalMs?: number; report?: (message: string) => void } = {},
): RetentionJob {
  const failed = (error: unknown) =>
    report(`retention: ${error instanceof Error ? error.message : String(error)} (next try in ${Math.round(intervalMs / 60_000)} min)`);
  const run = () =>
    Promise.all([
      deleteExpired(baseUrl, days).then((deleted) => deleted && report(`retention: deleted ${deleted} log records and spans older than ${days} d`), failed),
      deleteExpiredJaegerIndices(baseUrl, days).then((dropped) => dropped.length && report(`retention: dropped Jaeger's ${dropped.join(", ")}`), failed),
    ]);
  void run();
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
