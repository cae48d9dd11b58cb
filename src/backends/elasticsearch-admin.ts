// The Elasticsearch API's administrative calls (served by OpenSearch natively, Elasticsearch in
// compose): templates and pipelines, index settings, indices made and dropped, retention's deletes,
// sizes and disk watermarks. The stack's provisioning and retention jobs decide what to write; the
// URLs, the timeout and the error (BackendError) are this file's. Reads of documents: elasticsearch.ts.
import { BackendError, callJson, withQuery, type CallOptions } from "./http.ts";

/** A change to the cluster's state (a template, a setting, an index) waits up to the store's own
 * master timeout, 30 s: on a loaded machine just after start it can take longer than a read. */
export const CLUSTER_CHANGE_TIMEOUT_MS = 30_000;

type Timeout = Pick<CallOptions, "timeoutMs">;
/** Comma-separated index names or patterns, or a list of them. */
type Indices = string | readonly string[];

const names = (indices: Indices) => (typeof indices === "string" ? indices : indices.join(","));
const put = (url: string, body: object | undefined, { timeoutMs = CLUSTER_CHANGE_TIMEOUT_MS }: Timeout = {}) =>
  callJson<unknown>(url, { method: "PUT", body, timeoutMs });

/** What the supervisor polls: 200 once the cluster is at least yellow, 408 while it is red. */
export const clusterHealthUrl = (esUrl: string) => withQuery(`${esUrl}/_cluster/health`, { wait_for_status: "yellow", timeout: "1s" });

/** Which store answers: `opensearch` (natively) or undefined (Elasticsearch, which names none). */
export async function distribution(esUrl: string, { timeoutMs }: Timeout = {}): Promise<string | undefined> {
  return (await callJson<{ version?: { distribution?: string } }>(`${esUrl}/`, { timeoutMs })).version?.distribution;
}

export const putIngestPipeline = (esUrl: string, name: string, pipeline: object, options?: Timeout) =>
  put(`${esUrl}/_ingest/pipeline/${name}`, pipeline, options).then(() => undefined);

/** A composable index template (`_index_template`). */
export const putIndexTemplate = (esUrl: string, name: string, template: object, options?: Timeout) =>
  put(`${esUrl}/_index_template/${name}`, template, options).then(() => undefined);

/** A legacy template (`_template`, ES 7 style): legacy templates merge with those matching the same indices. */
export const putLegacyTemplate = (esUrl: string, name: string, template: object, options?: Timeout) =>
  put(`${esUrl}/_template/${name}`, template, options).then(() => undefined);

export const putIlmPolicy = (esUrl: string, name: string, policy: object, options?: Timeout) =>
  put(`${esUrl}/_ilm/policy/${name}`, policy, options).then(() => undefined);

/** Settings of existing indices; a pattern matching none is no error. A named index missing is a 404, unless `ignoreMissing`. */
export async function putIndexSettings(
  esUrl: string,
  indices: Indices,
  settings: object,
  { ignoreMissing = false, ...options }: Timeout & { ignoreMissing?: boolean } = {},
) {
  await put(withQuery(`${esUrl}/${names(indices)}/_settings`, { allow_no_indices: "true" }), settings, options).catch((error: unknown) => {
    if (!(ignoreMissing && error instanceof BackendError && error.status === 404)) throw error;
  });
}

export interface FieldMapping {
  type?: string;
}

/** Each index's top-level fields, by index name (a pattern matching none answers none). */
export async function fieldMappings(esUrl: string, indices: Indices, options: Timeout = {}): Promise<Record<string, Record<string, FieldMapping>>> {
  const answer = await callJson<Record<string, { mappings?: { properties?: Record<string, FieldMapping> } }>>(
    withQuery(`${esUrl}/${names(indices)}/_mapping`, { allow_no_indices: "true" }),
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
export const createIndex = (esUrl: string, index: string, body?: object, options?: Timeout) => put(`${esUrl}/${index}`, body, options).then(() => undefined);

/** Drops whole indices (named: no patterns, so that a typo cannot drop more than meant). */
export async function deleteIndices(esUrl: string, indices: readonly string[], { timeoutMs = CLUSTER_CHANGE_TIMEOUT_MS }: Timeout = {}): Promise<void> {
  if (indices.length) await callJson(`${esUrl}/${names(indices)}`, { method: "DELETE", timeoutMs });
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

/** Deletes the documents matching a query, refreshed at once; resolves to how many went. An hour's or a
 * day's records take longer than a read: a minute by default (the deletion goes on in the store after it). */
export async function deleteByQuery(esUrl: string, indices: Indices, query: object, { timeoutMs = 60_000 }: Timeout = {}): Promise<number> {
  // conflicts=proceed: a document written while the query runs is no reason to stop.
  const url = withQuery(`${esUrl}/${names(indices)}/_delete_by_query`, {
    conflicts: "proceed",
    refresh: "true",
    allow_no_indices: "true",
    ignore_unavailable: "true",
  });
  return (await callJson<{ deleted: number }>(url, { body: { query }, timeoutMs })).deleted;
}

/** The value below which `percent` % of a field's values lie, over the indices; undefined: no document. */
export async function percentile(esUrl: string, indices: Indices, field: string, percent: number, options: Timeout = {}): Promise<number | undefined> {
  const url = withQuery(`${esUrl}/${names(indices)}/_search`, { ignore_unavailable: "true", allow_no_indices: "true" });
  const body = { size: 0, aggs: { cut: { percentiles: { field, percents: [percent] } } } };
  const answer = await callJson<{ aggregations?: { cut: { values: Record<string, number | null> } } }>(url, { body, ...options });
  return Object.values(answer.aggregations?.cut.values ?? {})[0] ?? undefined;
}

export interface StoreFigures {
  /** Bytes of the segments, replicas included. */
  storeBytes: number;
  /** Bytes of the translog, which holds up to 512 MB a shard between flushes. */
  translogBytes: number;
  /** Documents in the primaries. */
  docs: number;
}

/** Sizes and document count over the open indices matching a pattern (every index without one); none: zeros. */
export async function storeFigures(esUrl: string, pattern?: string, options: Timeout = {}): Promise<StoreFigures> {
  type Totals = { store?: { size_in_bytes: number }; translog?: { size_in_bytes: number }; docs?: { count: number } };
  const url = withQuery(`${esUrl}/${pattern ? `${pattern}/` : ""}_stats/store,translog,docs`, {
    expand_wildcards: "open",
    ignore_unavailable: "true",
    allow_no_indices: "true",
  });
  const stats = await callJson<{ _all?: { total?: Totals; primaries?: Totals } }>(url, options);
  return {
    storeBytes: stats._all?.total?.store?.size_in_bytes ?? 0,
    translogBytes: stats._all?.total?.translog?.size_in_bytes ?? 0,
    docs: stats._all?.primaries?.docs?.count ?? 0,
  };
}

export interface ShardProgress {
  /** The highest sequence number the shard copy has written. */
  maxSeqNo: number;
  /** Each retention lease's retaining sequence number: soft-deleted documents at or above it are kept. */
  leases: number[];
}

/** Each shard copy's sequence numbers, over the indices: whether deletes can give back their space yet. */
export async function shardProgress(esUrl: string, indices: Indices, options: Timeout = {}): Promise<ShardProgress[]> {
  type Shard = { seq_no: { max_seq_no: number }; retention_leases: { leases: Array<{ retaining_seq_no: number }> } };
  const url = withQuery(`${esUrl}/${names(indices)}/_stats`, { level: "shards" });
  const stats = await callJson<{ indices: Record<string, { shards: Record<string, Shard[]> }> }>(url, options);
  return Object.values(stats.indices).flatMap(({ shards }) =>
    Object.values(shards)
      .flat()
      .map((shard) => ({ maxSeqNo: shard.seq_no.max_seq_no, leases: shard.retention_leases.leases.map((lease) => lease.retaining_seq_no) })),
  );
}

/** Flushes every open index, emptying its translog (forced: even when the store thinks none is needed). */
export async function flush(esUrl: string, options: Timeout = {}): Promise<void> {
  await callJson(withQuery(`${esUrl}/_flush`, { force: "true", expand_wildcards: "open" }), { method: "POST", ...options });
}

/** Merges segments: only away the deleted documents, or down to a number of segments. */
export async function forceMerge(
  esUrl: string,
  indices: Indices | undefined,
  merge: { onlyExpungeDeletes: true } | { maxSegments: number },
  options: Timeout = {},
): Promise<void> {
  const how = "maxSegments" in merge ? { max_num_segments: merge.maxSegments } : { only_expunge_deletes: "true" };
  const url = withQuery(`${esUrl}/${indices === undefined ? "" : `${names(indices)}/`}_forcemerge`, {
    ...how,
    ignore_unavailable: "true",
    allow_no_indices: "true",
  });
  await callJson(url, { method: "POST", ...options });
}

/** Persistent cluster settings (they survive restarts), as flat dotted keys. */
export const putClusterSettings = (esUrl: string, persistent: Record<string, string | number | boolean>, options?: Timeout) =>
  put(`${esUrl}/_cluster/settings`, { persistent }, options).then(() => undefined);

export async function clusterSettings(esUrl: string, options: Timeout = {}): Promise<Record<string, string>> {
  return (await callJson<{ persistent: Record<string, string> }>(withQuery(`${esUrl}/_cluster/settings`, { flat_settings: "true" }), options)).persistent;
}

export interface BulkAnswer {
  errors: boolean;
  items: Array<Record<string, { _index: string; _id: string; status: number; error?: { type: string; reason: string } }>>;
}

/** Writes action and document lines (`{create: {_index}}`, then the document), refreshed at once. */
export async function bulk(esUrl: string, lines: readonly object[], options: Timeout = {}): Promise<BulkAnswer> {
  const body = lines.map((line) => JSON.stringify(line)).join("\n") + "\n";
  return callJson<BulkAnswer>(withQuery(`${esUrl}/_bulk`, { refresh: "true" }), { body, headers: { "content-type": "application/x-ndjson" }, ...options });
}

/** Writes one document (the store picks its id), refreshed at once. */
export async function indexDocument(esUrl: string, index: string, document: object, options: Timeout = {}): Promise<string> {
  return (await callJson<{ _id: string }>(withQuery(`${esUrl}/${index}/_doc`, { refresh: "true" }), { body: document, ...options }))._id;
}
