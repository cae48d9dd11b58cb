// Query builders shared by every dashboard: PromQL targets (optionally with exemplars) and
// Elasticsearch targets over the collector's log index.
import * as prometheus from "@grafana/grafana-foundation-sdk/prometheus";
import * as elasticsearch from "@grafana/grafana-foundation-sdk/elasticsearch";
import { LOGS, PROMETHEUS } from "./datasources.ts";

export interface PromTarget {
  expr: string;
  legend?: string;
  /** Ask Prometheus for exemplars too (span-metrics histograms carry trace ids). */
  exemplar?: boolean;
  /** For heatmaps of `le` buckets. */
  format?: "heatmap" | "table";
  instant?: boolean;
  /** In a table: the unit of this query's column (its legend names the column). */
  unit?: string;
}

export function promTarget({ expr, legend, exemplar, format, instant }: PromTarget, refId: string) {
  const builder = new prometheus.DataqueryBuilder()
    .datasource(PROMETHEUS)
    .refId(refId)
    .expr(expr)
    .legendFormat(legend ?? "__auto");
  if (exemplar) builder.exemplar(true);
  if (format) builder.format(format === "heatmap" ? prometheus.PromQueryFormat.Heatmap : prometheus.PromQueryFormat.Table);
  if (instant) builder.instant();
  return builder;
}

/** The log index's fields (collector/gateway.yaml, mapping mode `none`). */
export const LOG_FIELDS = { time: "@timestamp", service: "Resource.service.name", level: "SeverityText", body: "Body", traceId: "TraceId" } as const;

/** Raw log lines matching a Lucene query. */
export function logLinesTarget(lucene: string, refId = "A") {
  return new elasticsearch.DataqueryBuilder()
    .datasource(LOGS)
    .refId(refId)
    .query(lucene)
    .timeField(LOG_FIELDS.time)
    .metrics([new elasticsearch.LogsBuilder().id("1")]);
}

/** Log records per interval, one series per value of `field`. */
export function logCountTarget(lucene: string, field: string, refId = "A") {
  return new elasticsearch.DataqueryBuilder()
    .datasource(LOGS)
    .refId(refId)
    .query(lucene)
    .timeField(LOG_FIELDS.time)
    .metrics([new elasticsearch.CountBuilder().id("1")])
    .bucketAggs([new elasticsearch.TermsBuilder().id("2").field(`${field}.keyword`), new elasticsearch.DateHistogramBuilder().id("3").field(LOG_FIELDS.time)]);
}
