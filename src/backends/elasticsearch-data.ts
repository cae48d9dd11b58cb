// The Elasticsearch API's calls on documents in bulk and the space they take: bulk writes, deletes by
// query (retention), a field's percentile (the size cap's cut), sizes, flushes and merges. Reads of
// documents: elasticsearch.ts; templates, settings and indices: elasticsearch-admin.ts.
import { callJson, withQuery } from "./http.ts";
import { indexList, type Indices, type Timeout } from "./elasticsearch-admin.ts";

/** A write of documents waits up to the store's own bound for its shards, a minute: the first write
 * to an index makes it, and a delete by query over days of records goes on for a while. */
export const WRITE_TIMEOUT_MS = 60_000;

/** Deletes the documents matching a query, refreshed at once; resolves to how many went. */
export async function deleteByQuery(esUrl: string, indices: Indices, query: object, { timeoutMs = WRITE_TIMEOUT_MS }: Timeout = {}): Promise<number> {
  // conflicts=proceed: a document written while the query runs is no reason to stop.
  const url = withQuery(`${esUrl}/${indexList(indices)}/_delete_by_query`, {
    conflicts: "proceed",
    refresh: "true",
    allow_no_indices: "true",
    ignore_unavailable: "true",
  });
  return (await callJson<{ deleted: number }>(url, { body: { query }, timeoutMs })).deleted;
}

/** The value below which `percent` % of a field's values lie, over the indices; undefined: no document. */
export async function percentile(esUrl: string, indices: Indices, field: string, percent: number, options: Timeout = {}): Promise<number | undefined> {
  const url = withQuery(`${esUrl}/${indexList(indices)}/_search`, { ignore_unavailable: "true", allow_no_indices: "true" });
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

/** Bytes (segments and translog) and documents of each open index matching a pattern, by name. */
export async function indexSizes(esUrl: string, pattern?: string, options: Timeout = {}): Promise<Record<string, { bytes: number; docs: number }>> {
  type Totals = { store?: { size_in_bytes: number }; translog?: { size_in_bytes: number }; docs?: { count: number } };
  const url = withQuery(`${esUrl}/${pattern ? `${pattern}/` : ""}_stats/store,translog,docs`, {
    level: "indices",
    expand_wildcards: "open",
    ignore_unavailable: "true",
    allow_no_indices: "true",
  });
  const stats = await callJson<{ indices?: Record<string, { total?: Totals; primaries?: Totals }> }>(url, options);
  return Object.fromEntries(
    Object.entries(stats.indices ?? {}).map(([index, { total, primaries }]) => [
      index,
      { bytes: (total?.store?.size_in_bytes ?? 0) + (total?.translog?.size_in_bytes ?? 0), docs: primaries?.docs?.count ?? 0 },
    ]),
  );
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
  const url = withQuery(`${esUrl}/${indexList(indices)}/_stats`, { level: "shards" });
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
  const url = withQuery(`${esUrl}/${indices === undefined ? "" : `${indexList(indices)}/`}_forcemerge`, {
    ...how,
    ignore_unavailable: "true",
    allow_no_indices: "true",
  });
  await callJson(url, { method: "POST", ...options });
}

export interface BulkAnswer {
  errors: boolean;
  items: Array<Record<string, { _index: string; _id: string; status: number; error?: { type: string; reason: string } }>>;
}

/** Writes action and document lines (`{create: {_index}}`, then the document), refreshed at once. */
export async function bulk(esUrl: string, lines: readonly object[], { timeoutMs = WRITE_TIMEOUT_MS }: Timeout = {}): Promise<BulkAnswer> {
  const body = lines.map((line) => JSON.stringify(line)).join("\n") + "\n";
  return callJson<BulkAnswer>(withQuery(`${esUrl}/_bulk`, { refresh: "true" }), { body, headers: { "content-type": "application/x-ndjson" }, timeoutMs });
}

/** Writes one document (the store picks its id), refreshed at once. */
export async function indexDocument(esUrl: string, index: string, document: object, { timeoutMs = WRITE_TIMEOUT_MS }: Timeout = {}): Promise<string> {
  return (await callJson<{ _id: string }>(withQuery(`${esUrl}/${index}/_doc`, { refresh: "true" }), { body: document, timeoutMs }))._id;
}
