// Retention for Jaeger's indices, natively (OpenSearch) and in compose (Elasticsearch): Jaeger writes one
// index a day per kind (jaeger-jaeger-span-2026-12-03, …-service-…), so a whole day's index is dropped
// once its last span is older than LOG_RETENTION_DAYS, the age limit of the logs and spans beside it.
// Natively the stack's hourly retention job calls it (native.ts); compose runs this file as a service:
//   node src/stack/retention/jaeger.ts http://elasticsearch:9200   (then every hour)
import { fileURLToPath } from "node:url";
import { deleteIndices, listIndices } from "../../backends/elasticsearch-admin.ts";
import { retentionDays } from "./native.ts";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** JAEGER_ES_INDEX_PREFIX in jaeger/config*.yaml; Jaeger adds its own `jaeger-` after it. */
export const jaegerIndexPattern = (prefix = process.env.JAEGER_ES_INDEX_PREFIX ?? "jaeger") => `${prefix}-jaeger-*`;

/** The day an index holds (UTC midnight, ms), from its name's date suffix; undefined: not a dated index. */
export function indexDay(index: string): number | undefined {
  const match = /-(\d{4})-(\d{2})-(\d{2})$/.exec(index);
  return match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : undefined;
}

/** Drops every dated Jaeger index whose whole day is older than `days` days; resolves to the names dropped. */
export async function deleteExpiredJaegerIndices(baseUrl: string, days: number, now = Date.now(), pattern = jaegerIndexPattern()): Promise<string[]> {
  const expired = (await listIndices(baseUrl, pattern, { openOnly: true })).filter((index) => {
    const day = indexDay(index);
    return day !== undefined && day + DAY_MS + days * DAY_MS <= now;
  });
  await deleteIndices(baseUrl, expired);
  return expired;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const url = process.argv[2] ?? process.env.ELASTICSEARCH_ENDPOINT ?? "http://127.0.0.1:9200";
  const days = retentionDays();
  console.log(`Jaeger retention on ${url}: ${jaegerIndexPattern()} indices dropped ${days} d after their day, checked every hour`);
  const run = () =>
    deleteExpiredJaegerIndices(url, days).then(
      (dropped) => dropped.length && console.log(`dropped ${dropped.join(", ")}`),
      (error: unknown) => console.warn(`Jaeger retention: ${error instanceof Error ? error.message : String(error)} (next try in an hour)`),
    );
  void run();
  setInterval(() => void run(), HOUR_MS);
}
