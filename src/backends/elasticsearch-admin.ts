// The Elasticsearch API's set-up calls (served by OpenSearch natively, Elasticsearch in compose):
// templates, pipelines and policies, index and cluster settings, indices made, listed and dropped.
// The stack's provisioning and retention jobs decide what to write; the URLs, the timeout and the
// error (BackendError) are this file's. Documents read: elasticsearch.ts; written, deleted, and the
// space they take: elasticsearch-data.ts.
import { BackendError, callJson, withQuery, type CallOptions } from "./http.ts";

/** A change to the cluster's state (a template, a setting, an index) waits up to the store's own
 * master timeout, 30 s: on a loaded machine just after start it can take longer than a read. */
export const CLUSTER_CHANGE_TIMEOUT_MS = 30_000;
export type Timeout = Pick<CallOptions, "timeoutMs">;
/** Comma-separated index names or patterns, or a list of them. */
export type Indices = string | readonly string[];

export const indexList = (indices: Indices) => (typeof indices === "string" ? indices : indices.join(","));
async function put(url: string, body: object | undefined, { timeoutMs = CLUSTER_CHANGE_TIMEOUT_MS }: Timeout = {}): Promise<void> {
  await callJson(url, { method: "PUT", body, timeoutMs });
}

/** What the supervisor polls: 200 once the cluster is at least yellow, 408 while it is red. */
export const clusterHealthUrl = (esUrl: string) => withQuery(`${esUrl}/_cluster/health`, { wait_for_status: "yellow", timeout: "1s" });

/** Which store answers: `opensearch` (natively) or undefined (Elasticsearch, which names none). */
export async function distribution(esUrl: string, { timeoutMs }: Timeout = {}): Promise<string | undefined> {
  return (await callJson<{ version?: { distribution?: string } }>(`${esUrl}/`, { timeoutMs })).version?.distribution;
}

export const putIngestPipeline = (esUrl: string, name: string, pipeline: object, options?: Timeout) =>
  put(`${esUrl}/_ingest/pipeline/${name}`, pipeline, options);

/** A composable index template (`_index_template`). */
export const putIndexTemplate = (esUrl: string, name: string, template: object, options?: Timeout) =>
  put(`${esUrl}/_index_template/${name}`, template, options);

/** A legacy template (`_template`, ES 7 style): legacy templates merge with those matching the same indices. */
export const putLegacyTemplate = (esUrl: string, name: string, template: object, options?: Timeout) => put(`${esUrl}/_template/${name}`, template, options);

export const putIlmPolicy = (esUrl: string, name: string, policy: object, options?: Timeout) => put(`${esUrl}/_ilm/policy/${name}`, policy, options);

/** Settings of existing indices; a pattern matching none is no error. A named index missing is a 404, unless `ignoreMissing`. */
export async function putIndexSettings(
  esUrl: string,
  indices: Indices,
  settings: object,
  { ignoreMissing = false, ...options }: Timeout & { ignoreMissing?: boolean } = {},
) {
  await put(withQuery(`${esUrl}/${indexList(indices)}/_settings`, { allow_no_indices: "true" }), settings, options).catch((error: unknown) => {
    if (!(ignoreMissing && error instanceof BackendError && error.status === 404)) throw error;
  });
}

export interface FieldMapping {
  type?: string;
}

/** Each index's top-level fields, by index name (a pattern matching none answers none). */
export async function fieldMappings(esUrl: string, indices: Indices, options: Timeout = {}): Promise<Record<string, Record<string, FieldMapping>>> {
  const answer = await callJson<Record<string, { mappings?: { properties?: Record<string, FieldMapping> } }>>(
    withQuery(`${esUrl}/${indexList(indices)}/_mapping`, { allow_no_indices: "true" }),
    options,
  );
  return Object.fromEntries(Object.entries(answer).map(([index, { mappings }]) => [index, mappings?.properties ?? {}]));
}

/** Whether an index or alias answers by that name. */
async function exists(url: string, options: Timeout): Promise<boolean> {
  try {
    await callJson(url, { method: "HEAD", ...options });
    return true;
  } catch (error) {
    if (error instanceof BackendError && error.status === 404) return false;
    throw error;
  }
}

export const indexExists = (esUrl: string, index: string, options: Timeout = {}) => exists(`${esUrl}/${index}`, options);
export const aliasExists = (esUrl: string, alias: string, options: Timeout = {}) => exists(`${esUrl}/_alias/${alias}`, options);

/** Makes an index, with settings, mappings or aliases when given. */
export const createIndex = (esUrl: string, index: string, body?: object, options?: Timeout) => put(`${esUrl}/${index}`, body, options);

/** Drops whole indices (named: no patterns, so that a typo cannot drop more than meant). */
export async function deleteIndices(esUrl: string, indices: readonly string[], { timeoutMs = CLUSTER_CHANGE_TIMEOUT_MS }: Timeout = {}): Promise<void> {
  if (indices.length) await callJson(`${esUrl}/${indexList(indices)}`, { method: "DELETE", timeoutMs });
}

/** Names of the indices matching a pattern (every index without one), closed ones too unless `openOnly`. */
export async function listIndices(esUrl: string, pattern?: string, { openOnly = false, ...options }: Timeout & { openOnly?: boolean } = {}): Promise<string[]> {
  const url = withQuery(`${esUrl}/_cat/indices${pattern ? `/${pattern}` : ""}`, {
    format: "json",
    h: "index",
    expand_wildcards: openOnly ? "open" : undefined,
  });
  return (await callJson<Array<{ index: string }>>(url, options)).map(({ index }) => index);
}

/** Each alias's indices, and whether an index is the alias's write index (flagged, or the only one behind it). */
export async function aliasIndices(esUrl: string, options: Timeout = {}): Promise<Record<string, Array<{ index: string; write: boolean }>>> {
  type Row = { alias: string; index: string; is_write_index: string };
  const rows = await callJson<Row[]>(withQuery(`${esUrl}/_cat/aliases`, { format: "json", h: "alias,index,is_write_index" }), options);
  const byAlias: Record<string, Row[]> = {};
  for (const row of rows) (byAlias[row.alias] ??= []).push(row);
  return Object.fromEntries(
    Object.entries(byAlias).map(([alias, members]) => [
      alias,
      members.map(({ index, is_write_index }) => ({ index, write: is_write_index === "true" || (members.length === 1 && is_write_index !== "false") })),
    ]),
  );
}

/** Adds an alias to existing indices (named, no patterns). */
export async function addAlias(
  esUrl: string,
  indices: readonly string[],
  alias: string,
  { timeoutMs = CLUSTER_CHANGE_TIMEOUT_MS }: Timeout = {},
): Promise<void> {
  if (indices.length) await callJson(`${esUrl}/_aliases`, { body: { actions: indices.map((index) => ({ add: { index, alias } })) }, timeoutMs });
}

/** Moves a write alias to a new index, named by the old one's number plus one (otel-logs-000002); resolves to that name. */
export async function rollover(esUrl: string, alias: string, { timeoutMs = CLUSTER_CHANGE_TIMEOUT_MS }: Timeout = {}): Promise<string> {
  return (await callJson<{ new_index: string }>(`${esUrl}/${alias}/_rollover`, { method: "POST", timeoutMs })).new_index;
}

/** When each index matching a pattern was made (ms since the epoch), by name. */
export async function indexCreation(esUrl: string, pattern?: string, options: Timeout = {}): Promise<Record<string, number>> {
  const url = withQuery(`${esUrl}/_cat/indices${pattern ? `/${pattern}` : ""}`, { format: "json", h: "index,creation.date" });
  return Object.fromEntries(
    (await callJson<Array<{ index: string; "creation.date": string }>>(url, options)).map((row) => [row.index, Number(row["creation.date"])]),
  );
}

/** Persistent cluster settings (they survive restarts), as flat dotted keys. */
export const putClusterSettings = (esUrl: string, persistent: Record<string, string | number | boolean>, options?: Timeout) =>
  put(`${esUrl}/_cluster/settings`, { persistent }, options);

export async function clusterSettings(esUrl: string, options: Timeout = {}): Promise<Record<string, string>> {
  return (await callJson<{ persistent: Record<string, string> }>(withQuery(`${esUrl}/_cluster/settings`, { flat_settings: "true" }), options)).persistent;
}
