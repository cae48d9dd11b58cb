// Retention for Jaeger's daily indices: in compose (Elasticsearch) Jaeger writes one index a day per
// kind (jaeger-jaeger-span-2026-12-03, …-service-…), so a whole day's index is dropped once its last
// span is older than LOG_RETENTION_DAYS, the age limit of the logs and spans beside it. Natively Jaeger
// writes through aliases (rollover.ts); the hourly retention job (native.ts) drops with this the daily
// indices an older stack left. Compose runs this file as a service:
//   node src/stack/retention/jaeger.ts http://elasticsearch:9200   (then every hour)
import { fileURLToPath } from "node:url";
import { deleteIndices, listIndices } from "../../backends/elasticsearch-admin.ts";
import { retentionDays } from "./native.ts";
import { indexDay, jaegerPrefix } from "./rollover.ts";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
export const jaegerIndexPattern = (prefix = jaegerPrefix()) => `${prefix}-jaeger-*`;

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
