// Service detail (one service): RED by route, its calls to upstream services, the span-metrics view
// of its operations with links to their traces, and its logs from the Elasticsearch API.
import { newDashboard, UIDS } from "../dashboard.ts";
import { logsPanel, logVolumePanel, tablePanel, timeseriesPanel } from "../panels.ts";
import { LOG_FIELDS } from "../queries.ts";
import { redPanels } from "../red.ts";
import { logLevelVariable, routeVariable, SCRAPED, serviceNameVariable } from "../variables.ts";

const SPANS = 'service_name="$service_name"';
const CLIENT = `http_client_request_duration_seconds_count{${SCRAPED}, service_name="$service_name"}`;
const ofService = `${LOG_FIELDS.service}:"$service_name"`;

/** Explore → Jaeger search for this service and the operation of the clicked row. */
const jaegerSearch = `/explore?schemaVersion=1&panes={"traces":{"datasource":"\${jaeger}","queries":[{"refId":"A","datasource":{"type":"jaeger","uid":"\${jaeger}"},"queryType":"search","service":"\${service_name}","operation":"\${__data.fields.span_name}"}],"range":{"from":"\${__from}","to":"\${__to}"}}}`;

export const serviceDetail = () =>
  newDashboard({
    uid: UIDS.serviceDetail,
    title: "otel-gateway · Service detail",
    description: "One service in depth: RED by route, upstream calls, operations from span metrics (linked to Jaeger), its logs and recent errors.",
    logsAndTraces: true,
    variables: [serviceNameVariable(), routeVariable(), logLevelVariable()],
    sections: [
      {
        row: "RED by route",
        panels: redPanels({ selector: 'service_name="$service_name", http_route=~"$route"', by: ["http_route"], legend: "{{http_route}}", per: "per route" }),
      },
      {
        row: "Upstream calls (matching-api → cv-parser :8081, job-parser :8082)",
        panels: [
          timeseriesPanel({
            title: "Upstream calls by peer and status",
            description:
              "Outgoing HTTP calls per second by peer address and status, from the OTel HTTP client histogram. Only matching-api calls upstreams (the two parsers); the parsers have none.",
            unit: "reqps",
            width: 12,
            targets: [
              {
                expr: `sum by (server_address, server_port, http_response_status_code) (rate(${CLIENT}[$__rate_interval]))`,
                legend: "{{server_address}}:{{server_port}} {{http_response_status_code}}",
              },
            ],
          }),
          timeseriesPanel({
            title: "Upstream call latency p95",
            description: "p95 duration of outgoing HTTP calls per peer, as the caller sees it (network and queueing included).",
            unit: "s",
            width: 12,
            targets: [
              {
                expr: `histogram_quantile(0.95, sum by (server_port, le) (rate(http_client_request_duration_seconds_bucket{${SCRAPED}, service_name="$service_name"}[$__rate_interval])))`,
                legend: "p95 :{{server_port}}",
              },
            ],
          }),
        ],
      },
      {
        row: "Operations (span metrics from the collector)",
        panels: [
          tablePanel({
            title: "Operations: calls, errors, p95",
            description:
              "Every span name of the service with its call rate, error ratio (span status ERROR) and p95 duration, over the selected range. Click an operation to search its traces in Jaeger.",
            unit: "short",
            width: 12,
            height: 9,
            links: [{ title: "Traces of this operation in Jaeger", url: jaegerSearch }],
            targets: [
              { expr: `sum by (span_name, span_kind) (rate(traces_span_metrics_calls_total{${SPANS}}[$__range]))`, legend: "calls/s", unit: "reqps" },
              {
                expr: `sum by (span_name, span_kind) (rate(traces_span_metrics_calls_total{${SPANS}, status_code="STATUS_CODE_ERROR"}[$__range]) or rate(traces_span_metrics_calls_total{${SPANS}}[$__range]) * 0) / sum by (span_name, span_kind) (rate(traces_span_metrics_calls_total{${SPANS}}[$__range]))`,
                legend: "error ratio",
                unit: "percentunit",
              },
              {
                expr: `histogram_quantile(0.95, sum by (span_name, span_kind, le) (rate(traces_span_metrics_duration_seconds_bucket{${SPANS}}[$__range])))`,
                legend: "p95",
                unit: "s",
              },
            ],
          }),
          timeseriesPanel({
            title: "Operation latency p95, with exemplars",
            description: "p95 duration per span name from the span metrics. The dots are exemplars: click one to open that request's trace in Jaeger.",
            unit: "s",
            width: 12,
            height: 9,
            targets: [
              {
                expr: `histogram_quantile(0.95, sum by (span_name, le) (rate(traces_span_metrics_duration_seconds_bucket{${SPANS}}[$__rate_interval])))`,
                legend: "{{span_name}}",
                exemplar: true,
              },
            ],
          }),
        ],
      },
      {
        row: "Logs (Elasticsearch API, index otel-logs)",
        panels: [
          logVolumePanel({
            title: "Log records by level",
            description: "Log records the service sent through the collector per interval, stacked by level (SeverityText).",
            lucene: `${ofService} AND ${LOG_FIELDS.level}:$level`,
            field: LOG_FIELDS.level,
          }),
          logsPanel({
            title: "Recent errors",
            description:
              "The service's latest error-level records: failed requests with their code, route, request id and trace id (open the trace from the TraceId field).",
            lucene: `${ofService} AND ${LOG_FIELDS.level}:error`,
            height: 8,
          }),
          logsPanel({
            title: "Logs",
            description: "The service's log records at the chosen levels, newest first; each carries its request id and trace id.",
            lucene: `${ofService} AND ${LOG_FIELDS.level}:$level`,
          }),
        ],
      },
    ],
  });
