// Retention for compose's Elasticsearch, by its index lifecycle management (ILM): otel-logs and
// otel-traces become write aliases over numbered indices (otel-logs-000001, …) that roll over at a
// day or 5 GB a shard and are deleted LOG_RETENTION_DAYS after their rollover. Whole indices go,
// which is cheaper than deleting documents; readers keep reading the alias names. Natively the same
// layout is rolled over and dropped by the stack itself (rollover.ts). Run by compose's
// store-setup one-shot after store-mapping.ts: node src/stack/retention/ilm.ts http://elasticsearch:9200
import { fileURLToPath } from "node:url";
import { putIlmPolicy, putIndexTemplate } from "../../backends/elasticsearch-admin.ts";
import { storeTemplate } from "../store-mapping.ts";
import { retentionDays } from "./native.ts";
import { ensureWriteAlias, STORE_ALIASES, storeAlias } from "./rollover.ts";

export const POLICY = "otel-gateway-retention";
export const ALIASES = STORE_ALIASES;

export function retentionPolicy(days: number) {
  return {
    policy: {
      phases: {
        hot: { actions: { rollover: { max_age: "1d", max_primary_shard_size: "5gb" } } },
        delete: { min_age: `${days}d`, actions: { delete: {} } },
      },
    },
  };
}

/** The store template, once per alias (the rollover alias is a per-index setting), above it in priority. */
export function lifecycleTemplate(alias: string) {
  const base = storeTemplate("flattened");
  return {
    ...base,
    index_patterns: [`${alias}-*`],
    priority: base.priority + 10,
    template: { ...base.template, settings: { ...base.template.settings, "index.lifecycle.name": POLICY, "index.lifecycle.rollover_alias": alias } },
  };
}

/** Idempotent. Returns the aliases left out because a plain index of that name already holds data. */
export async function applyLifecycle(baseUrl: string, days = retentionDays()): Promise<string[]> {
  await putIlmPolicy(baseUrl, POLICY, retentionPolicy(days));
  const plain: string[] = [];
  for (const alias of ALIASES) {
    await putIndexTemplate(baseUrl, `otel-gateway-store-${alias}`, lifecycleTemplate(alias));
    // The first numbered index, and the alias the collector writes to.
    if (!(await ensureWriteAlias(baseUrl, storeAlias(alias)))) plain.push(alias);
  }
  return plain;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const url = process.argv[2] ?? process.env.ELASTICSEARCH_ENDPOINT ?? "http://127.0.0.1:9200";
  const days = retentionDays();
  const plain = await applyLifecycle(url, days);
  console.log(
    `ILM policy ${POLICY} applied to ${url}: rollover at 1 d or 5 GB, deletion ${days} d after${plain.length ? `; ${plain.join(", ")} are plain indices from before, not under the policy (delete them to start over)` : ""}`,
  );
}
