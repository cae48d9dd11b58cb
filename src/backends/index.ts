// One small client per backend API the project reads: Jaeger, the Elasticsearch API (and the log
// records in it), Prometheus, Alertmanager and Bugsink. Callers pass the base URLs (from
// .stack/endpoints.json or the environment); every call shares one timeout policy and one error.
// The stack's own writes (the store's set-up and upkeep: elasticsearch-admin.ts, elasticsearch-data.ts;
// Bugsink's team and project: bugsink-admin.ts) are imported from their files: readers need none of them.
export { BACKEND_TIMEOUT_MS, BackendError, type CallOptions } from "./http.ts";
export { servicesOf, traceById, traceIdForRequest, tracesOfService, traceUrl, jaegerServices, type TraceSearch, type TraceSpan } from "./jaeger.ts";
export { count, refresh, search, searchUrl, type Bucket, type Document, type SearchResult } from "./elasticsearch.ts";
export { LOGS_INDEX, logsOfRequest, logsOfTrace, logsSearchUrl, requestIdQuery, searchLogRecords, searchLogs, type LogFilters, type LogLine } from "./logs.ts";
export {
  exemplars,
  graphUrl,
  headSeries,
  labelValues,
  queryInstant,
  queryRange,
  remoteWriteUrl,
  type Exemplar,
  type RangeSeries,
  type Sample,
} from "./prometheus.ts";
export { alerts, createSilence, postAlerts, silences, type GettableAlert, type GettableSilence, type PostableAlert, type Silence } from "./alertmanager.ts";
export { issueUrl, recentEvents, recentIssues, type BugsinkApi, type ErrorEvent, type Issue, type RecentOptions } from "./bugsink.ts";
