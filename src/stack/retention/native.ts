// Retention for the native store (OpenSearch without its index-management plugin), at start and then
// every hour: the indices rolled over (rollover.ts) before LOG_RETENTION_DAYS are dropped whole (no
// write reaches an index after its rollover, so its newest document is older than that); in the write
// indices, and in a plain otel-logs index from before, the log records and spans whose @timestamp is
// older are deleted by query. Jaeger's daily indices from before the rollover layout are dropped whole
// once their day is past it (jaeger.ts). Compose's Elasticsearch rolls over and drops by ILM (ilm.ts).
import { deleteIndices } from "../../backends/elasticsearch-admin.ts";
import { deleteByQuery } from "../../backends/elasticsearch-data.ts";
import { envNumber } from "../../config/index.ts";
import { deleteExpiredJaegerIndices } from "./jaeger.ts";
import { backingIndices, rolloverAliases } from "./rollover.ts";

export const STORE_PATTERNS = "otel-logs*,otel-traces*";
export const DEFAULT_RETENTION_DAYS = 7;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** LOG_RETENTION_DAYS (whole days, 1…3650); a bad value warns once and the default of 7 is used. */
export function retentionDays(env: NodeJS.ProcessEnv = process.env): number {
  return envNumber("LOG_RETENTION_DAYS", DEFAULT_RETENTION_DAYS, { min: 1, max: 3650, integer: true }, env);
}

/** Deletes every document older than `days` days; resolves to how many went. */
export async function deleteExpired(baseUrl: string, days: number): Promise<number> {
  return deleteByQuery(baseUrl, STORE_PATTERNS, { range: { "@timestamp": { lt: `now-${days}d` } } });
}

/** Drops every index rolled over more than `days` days ago; resolves to the names dropped. */
export async function dropExpiredIndices(baseUrl: string, days: number, now = Date.now(), aliases = rolloverAliases()): Promise<string[]> {
  const expired = (await backingIndices(baseUrl, aliases))
    .filter(({ rolledOver }) => rolledOver !== undefined && rolledOver + days * DAY_MS <= now)
    .map(({ index }) => index);
  await deleteIndices(baseUrl, expired);
  return expired;
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
      dropExpiredIndices(baseUrl, days).then(
        (dropped) => dropped.length && report(`retention: dropped ${dropped.join(", ")}, rolled over more than ${days} d ago`),
        failed,
      ),
    ]);
  void run();
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
