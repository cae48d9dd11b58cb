// The Elasticsearch API (served by OpenSearch here): search, count and refresh of an index, the
// reads every check of the store makes. Index templates, retention deletes and the like belong to
// the stack's provisioning (src/stack), which owns those writes.
import { callJson, withQuery, type CallOptions } from "./http.ts";

export type Document = Record<string, any>;

export interface Bucket {
  key: string | number;
  doc_count: number;
}

export interface SearchResult<T = Document> {
  /** Matching documents in all (exact when the body asks track_total_hits). */
  total: number;
  /** The `_source` of each hit, in the order asked. */
  sources: T[];
  /** Each aggregation's buckets, by its name. */
  buckets: Record<string, Bucket[]>;
}

interface SearchAnswer<T> {
  hits: { total?: { value: number }; hits: Array<{ _source: T }> };
  aggregations?: Record<string, { buckets?: Bucket[] }>;
}

type Timeout = Pick<CallOptions, "timeoutMs">;

/** A search of one index (or a comma-separated list, or a pattern); an index not yet made answers nothing. */
export async function search<T = Document>(esUrl: string, index: string, body: object, { timeoutMs }: Timeout = {}): Promise<SearchResult<T>> {
  const url = withQuery(`${esUrl}/${index}/_search`, { ignore_unavailable: "true" });
  const answer = await callJson<SearchAnswer<T>>(url, { body, timeoutMs });
  return {
    total: answer.hits.total?.value ?? answer.hits.hits.length,
    sources: answer.hits.hits.map((hit) => hit._source),
    buckets: Object.fromEntries(Object.entries(answer.aggregations ?? {}).map(([name, agg]) => [name, agg.buckets ?? []])),
  };
}

/** Documents matching a query (all of them without one). */
export async function count(esUrl: string, index: string, query?: object, { timeoutMs }: Timeout = {}): Promise<number> {
  const url = withQuery(`${esUrl}/${index}/_count`, { ignore_unavailable: "true" });
  return (await callJson<{ count: number }>(url, { method: "POST", body: query && { query }, timeoutMs })).count;
}

/** Makes what was indexed so far searchable now, rather than at the next refresh interval. */
export async function refresh(esUrl: string, index: string, { timeoutMs }: Timeout = {}): Promise<void> {
  await callJson(withQuery(`${esUrl}/${index}/_refresh`, { ignore_unavailable: "true" }), { method: "POST", timeoutMs });
}

/** A Lucene query-string search as a URL a person can open. */
export function searchUrl(esUrl: string, index: string, q: string, sort?: string): string {
  return withQuery(`${esUrl}/${index}/_search`, { q, sort });
}
