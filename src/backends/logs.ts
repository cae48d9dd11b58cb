// Log records in the store, read through the Elasticsearch API (the collector's elasticsearch
// exporter, mapping mode `none`: @timestamp, TraceId, SpanId, SeverityText, Body, Attributes.*, Resource.*).
import { search, searchUrl, type Document } from "./elasticsearch.ts";

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

export const LOGS_INDEX = process.env.ELASTICSEARCH_LOGS_INDEX ?? "otel-logs";

/** Log records oldest first. */
async function oldestFirst(esUrl: string, query: object, size = 500): Promise<LogLine[]> {
  const { sources } = await search(esUrl, LOGS_INDEX, { size, query, sort: [{ "@timestamp": { order: "asc" } }] });
  return sources.map(toLine);
}

function attributesOf(doc: Document): Record<string, unknown> {
  const flat = Object.entries(doc)
    .filter(([key]) => key.startsWith("Attributes."))
    .map(([key, value]) => [key.slice("Attributes.".length), value]);
  return { ...(doc.Attributes ?? {}), ...Object.fromEntries(flat) };
}

function toLine(doc: Document): LogLine {
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
  return oldestFirst(esUrl, query, size);
}

export async function logsOfTrace(esUrl: string, traceId: string): Promise<LogLine[]> {
  return oldestFirst(esUrl, { term: { "TraceId.keyword": traceId } });
}

/** Attributes are one flat field under the store's index template (src/stack/store-mapping.ts); an
 * index made before it has them dynamically mapped (text + .keyword). Either matches. */
export function requestIdQuery(requestId: string): object {
  return {
    bool: { should: [{ term: { "Attributes.request_id": requestId } }, { term: { "Attributes.request_id.keyword": requestId } }], minimum_should_match: 1 },
  };
}

export async function logsOfRequest(esUrl: string, requestId: string): Promise<LogLine[]> {
  return oldestFirst(esUrl, requestIdQuery(requestId));
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
  const body = { from, size, track_total_hits: true, query: { bool: { filter: must } }, sort: [{ "@timestamp": { order: "desc" } }] };
  const { total, sources } = await search(esUrl, LOGS_INDEX, body);
  return { total, lines: sources.map(toLine) };
}

/** The logs index is the Kibana/Discover-style place to look, as a URL a person can open. */
export function logsSearchUrl(esUrl: string, traceId: string): string {
  return searchUrl(esUrl, LOGS_INDEX, `TraceId:${traceId}`, "@timestamp:asc");
}
