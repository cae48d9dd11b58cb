// Log records from the Elasticsearch API (the collector's elasticsearch exporter, mapping mode
// `none`: @timestamp, TraceId, SpanId, SeverityText, Body, Attributes.*, Resource.*).
import { getJson } from "./http.ts";

export interface LogLine {
  timestamp: string;
  service: string;
  severity: string;
  body: string;
  requestId: string | undefined;
  traceId: string | undefined;
  /** Every record attribute, whether stored as one object or as flattened `Attributes.*` fields. */
  attributes: Record<string, unknown>;
}

interface Hit {
  _source: Record<string, any>;
}

const LOGS_INDEX = process.env.ELASTICSEARCH_LOGS_INDEX ?? "otel-logs";

async function search(esUrl: string, query: object, size = 500): Promise<Hit[]> {
  const body = JSON.stringify({ size, query, sort: [{ "@timestamp": { order: "asc" } }] });
  const result = await getJson<{ hits: { hits: Hit[] } }>(`${esUrl}/${LOGS_INDEX}/_search?ignore_unavailable=true`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  return result.hits.hits;
}

function attributesOf(doc: Record<string, any>): Record<string, unknown> {
  const flat = Object.entries(doc)
    .filter(([key]) => key.startsWith("Attributes."))
    .map(([key, value]) => [key.slice("Attributes.".length), value]);
  return { ...(doc.Attributes ?? {}), ...Object.fromEntries(flat) };
}

function toLine({ _source: doc }: Hit): LogLine {
  return {
    timestamp: doc["@timestamp"],
    service: doc.Resource?.service?.name ?? doc["Resource.service.name"] ?? "?",
    severity: doc.SeverityText ?? "",
    body: typeof doc.Body === "string" ? doc.Body : JSON.stringify(doc.Body ?? doc.BodyFields),
    requestId: doc.Attributes?.request_id ?? doc["Attributes.request_id"],
    traceId: doc.TraceId,
    attributes: attributesOf(doc),
  };
}

/** Log records matching an Elasticsearch query (oldest first): for checks a fixed lookup does not cover. */
export async function searchLogRecords(esUrl: string, query: object, size = 200): Promise<LogLine[]> {
  return (await search(esUrl, query, size)).map(toLine);
}

export async function logsOfTrace(esUrl: string, traceId: string): Promise<LogLine[]> {
  return (await search(esUrl, { term: { "TraceId.keyword": traceId } })).map(toLine);
}

/** Attributes are one flat field under the store's index template (src/stack/store-mapping.ts); an
 * index made before it has them dynamically mapped (text + .keyword). Either matches. */
export function requestIdQuery(requestId: string): object {
  return {
    bool: { should: [{ term: { "Attributes.request_id": requestId } }, { term: { "Attributes.request_id.keyword": requestId } }], minimum_should_match: 1 },
  };
}

export async function logsOfRequest(esUrl: string, requestId: string): Promise<LogLine[]> {
  return (await search(esUrl, requestIdQuery(requestId))).map(toLine);
}

export interface LogFilters {
  service?: string;
  /** Severity as the services write it: error, warn, info, debug. */
  level?: string;
  /** Words that must all be in the body. */
  text?: string;
  requestId?: string;
  traceId?: string;
  sinceSeconds: number;
}

/** A page of log records, newest first, and how many match in all. */
export async function searchLogs(esUrl: string, filters: LogFilters, { from = 0, size = 50 } = {}): Promise<{ total: number; lines: LogLine[] }> {
  const must: object[] = [{ range: { "@timestamp": { gte: `now-${filters.sinceSeconds}s` } } }];
  if (filters.service) must.push({ term: { "Resource.service.name.keyword": filters.service } });
  if (filters.level) must.push({ match: { SeverityText: filters.level } });
  if (filters.text) must.push({ match: { Body: { query: filters.text, operator: "and" } } });
  if (filters.requestId) must.push(requestIdQuery(filters.requestId));
  if (filters.traceId) must.push({ term: { "TraceId.keyword": filters.traceId } });
  const body = JSON.stringify({ from, size, track_total_hits: true, query: { bool: { filter: must } }, sort: [{ "@timestamp": { order: "desc" } }] });
  const result = await getJson<{ hits: { total: { value: number }; hits: Hit[] } }>(`${esUrl}/${LOGS_INDEX}/_search?ignore_unavailable=true`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  return { total: result.hits.total?.value ?? 0, lines: result.hits.hits.map(toLine) };
}

/** The logs index is the Kibana/Discover-style place to look, as a URL a person can open. */
export function logsSearchUrl(esUrl: string, traceId: string): string {
  return `${esUrl}/${LOGS_INDEX}/_search?q=TraceId:${traceId}&sort=@timestamp:asc`;
}
