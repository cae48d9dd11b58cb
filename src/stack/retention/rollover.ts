// The store's data in numbered indices behind write aliases, so that retention drops whole indices,
// which frees their space at once, rather than deleting documents, whose space comes back only once
// merged away (minutes under load: a low budget's cap overshot threefold, docs/reliability.md):
//   otel-logs, otel-traces          the collector writes to the alias and every reader reads it; behind it
//                                   otel-logs-000001, -000002, … (compose's ILM makes the same, ilm.ts)
//   <prefix>-jaeger-span-write/-read    Jaeger (use_aliases, jaeger/config.yaml) writes to one alias and
//   <prefix>-jaeger-service-write/-read reads the other; behind them <prefix>-jaeger-span-000001, … (the
//                                   layout of Jaeger's es-rollover init, its write alias as in ILM mode)
// Natively the size cap (size-cap.ts) rolls an alias over when its write index holds a slice of the cap
// or a day of data, and drops the oldest indices; the age limit drops those rolled over before it
// (native.ts). A plain otel-logs index from before (a stack upgraded in place) stays as it is, its
// documents deleted by query as before; Jaeger's daily indices from before join the read alias.
// Ids are unique per index only: a retried bulk request that crosses a rollover stores a second copy.
import {
  addAlias,
  aliasExists,
  aliasIndices,
  createIndex,
  indexCreation,
  indexExists,
  listIndices,
  putLegacyTemplate,
} from "../../backends/elasticsearch-admin.ts";
import { indexSizes } from "../../backends/elasticsearch-data.ts";

export const STORE_ALIASES = ["otel-logs", "otel-traces"] as const;
const JAEGER_KINDS = ["span", "service"] as const;

export interface RolloverAlias {
  /** Where writes go: the write index, the newest. */
  write: string;
  /** Every index of the family (for ours the same alias). */
  read: string;
  /** The first numbered index. */
  first: string;
}

/** JAEGER_ES_INDEX_PREFIX in jaeger/config*.yaml; Jaeger adds its own `jaeger-` after it. */
export const jaegerPrefix = (env: NodeJS.ProcessEnv = process.env) => env.JAEGER_ES_INDEX_PREFIX ?? "jaeger";

export const storeAlias = (alias: string): RolloverAlias => ({ write: alias, read: alias, first: `${alias}-000001` });

function jaegerAlias(kind: (typeof JAEGER_KINDS)[number], prefix: string): RolloverAlias {
  const base = `${prefix}-jaeger-${kind}`;
  return { write: `${base}-write`, read: `${base}-read`, first: `${base}-000001` };
}

/** The native store's aliases: ours and Jaeger's. */
export const rolloverAliases = (prefix = jaegerPrefix()): RolloverAlias[] => [
  ...STORE_ALIASES.map(storeAlias),
  ...JAEGER_KINDS.map((kind) => jaegerAlias(kind, prefix)),
];

/** The day a daily index holds (UTC midnight, ms), from its name's date suffix; undefined: not a dated index. */
export function indexDay(index: string): number | undefined {
  const match = /-(\d{4})-(\d{2})-(\d{2})$/.exec(index);
  return match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : undefined;
}

/**
 * Makes `first` the write index behind the alias (and in the read alias) unless the alias exists.
 * Resolves to false when a plain index holds the alias's name (from before): it stays as it is.
 */
export async function ensureWriteAlias(baseUrl: string, { write, read, first }: RolloverAlias): Promise<boolean> {
  if (await aliasExists(baseUrl, write)) return true;
  if (await indexExists(baseUrl, write)) return false;
  await createIndex(baseUrl, first, { aliases: { [write]: { is_write_index: true }, ...(read === write ? {} : { [read]: {} }) } });
  return true;
}

/**
 * Natively, idempotent. After Jaeger has put its index templates (create_mappings, at its start), for its
 * first indices take their mapping from them; before the collector sends Jaeger any span, or Jaeger
 * would write to a plain index named like its write alias. Resolves to the aliases left out (plain indices).
 */
export async function applyRollover(baseUrl: string, prefix = jaegerPrefix()): Promise<string[]> {
  // A rollover moves only the write alias: each new Jaeger index gets the read alias from a legacy
  // template, merged with Jaeger's own (as es-rollover's rollover adds it by hand).
  for (const kind of JAEGER_KINDS) {
    const { read } = jaegerAlias(kind, prefix);
    await putLegacyTemplate(baseUrl, `otel-gateway-${read}`, { index_patterns: [`${prefix}-jaeger-${kind}-*`], order: 100, aliases: { [read]: {} } });
    // Daily indices from before stay readable until retention drops them.
    const daily = (await listIndices(baseUrl, `${prefix}-jaeger-${kind}-*`)).filter((index) => indexDay(index) !== undefined);
    await addAlias(baseUrl, daily, read);
  }
  const plain: string[] = [];
  for (const alias of rolloverAliases(prefix)) if (!(await ensureWriteAlias(baseUrl, alias))) plain.push(alias.write);
  return plain;
}

export interface BackingIndex {
  index: string;
  /** The alias it is behind. */
  alias: string;
  write: boolean;
  /** Segments and translog. */
  bytes: number;
  docs: number;
  created: number;
  /** When it stopped taking writes (the next index's creation); undefined: the write index. */
  rolledOver?: number;
}

/**
 * Every index behind the native store's aliases (each alias's write and read alias: Jaeger's daily
 * indices from before are in its read alias only), the oldest first within an alias.
 */
export async function backingIndices(baseUrl: string, aliases = rolloverAliases(), options: { timeoutMs?: number } = {}): Promise<BackingIndex[]> {
  const [members, sizes, created] = await Promise.all([
    aliasIndices(baseUrl, options),
    indexSizes(baseUrl, undefined, options),
    indexCreation(baseUrl, undefined, options),
  ]);
  return aliases.flatMap(({ write, read }) => {
    const writeIndex = members[write]?.find((member) => member.write)?.index;
    const names = new Set([...(members[write] ?? []), ...(members[read] ?? [])].map(({ index }) => index));
    // Open indices only (the sizes cover no closed one).
    const family = [...names].filter((index) => sizes[index]).sort((a, b) => (created[a] ?? 0) - (created[b] ?? 0));
    return family.map((index, i) => ({
      index,
      alias: write,
      write: index === writeIndex,
      ...sizes[index]!,
      created: created[index] ?? 0,
      rolledOver: index === writeIndex ? undefined : (created[family[i + 1] ?? ""] ?? Date.now()),
    }));
  });
}
