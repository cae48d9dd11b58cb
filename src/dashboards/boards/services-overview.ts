// Services overview: the three services side by side — RED per service, by route and status, span
// latency with exemplars (a dot opens its trace), whether each process answers its scrape and is ready.
import { dashboardUrl, newDashboard, UIDS } from "../dashboard.ts";
import { statPanel, timeseriesPanel } from "../panels.ts";
import { redPanels } from "../red.ts";
import { SCRAPED, servicesVariable } from "../variables.ts";

const toDetail = { title: "Service detail", url: dashboardUrl(UIDS.serviceDetail, { service_name: "${__field.labels.service_name}" }) };

export const servicesOverview = () =>
  newDashboard({
    uid: UIDS.services,
    title: "otel-gateway · Services overview",
    description: "Rate, errors and latency of matching-api, cv-parser and job-parser, by service, route and status; purple marks are deploys and restarts.",
    variables: [servicesVariable()],
    sections: [
      {
        row: "Per service (each service's /metrics)",
        panels: [
          statPanel({
            title: "Scrape up",
            description: "1 while Prometheus can scrape the service's /metrics (the process is alive and serving); 0 when the last scrape failed.",
            unit: "bool",
            width: 12,
            height: 4,
            targets: [
              {
                expr: `max by (service_name) (label_replace(up{${SCRAPED}, job=~"$service_name"}, "service_name", "$1", "job", "(.*)"))`,
                legend: "{{service_name}}",
              },
            ],
          }),
          statPanel({
            title: "Ready",
            description:
              "1 while every readiness check of the service passes (GET /ready answers OK; matching-api checks both parsers), 0 while DEGRADED (the ServiceNotReady alert pages after a minute).",
            unit: "bool",
            width: 12,
            height: 4,
            targets: [{ expr: `min by (service_name) (app_service_ready{${SCRAPED}, service_name=~"$service_name"})`, legend: "{{service_name}}" }],
          }),
          ...redPanels({ selector: 'service_name=~"$service_name"', by: ["service_name"], legend: "{{service_name}}", per: "per service", links: [toDetail] }),
        ],
      },
      {
        row: "By route and status",
        panels: [
          timeseriesPanel({
            title: "Requests by route and status",
            description:
              "Requests per second for each service, route and HTTP status code: 4xx are bad input, 5xx our failures (502/503/504: a parser failed, was unavailable or too slow).",
            unit: "reqps",
            width: 12,
            targets: [
              {
                expr: `sum by (service_name, http_route, http_response_status_code) (rate(http_server_request_duration_seconds_count{${SCRAPED}, service_name=~"$service_name"}[$__rate_interval]))`,
                legend: "{{service_name}} {{http_route}} {{http_response_status_code}}",
              },
            ],
            links: [toDetail],
          }),
          timeseriesPanel({
            title: "Server span latency p95, with exemplars",
            description:
              "p95 of server spans per service from the collector's span metrics. The dots are exemplars: one real request each; click one to open its trace in Jaeger.",
            unit: "s",
            width: 12,
            targets: [
              {
                expr: `histogram_quantile(0.95, sum by (service_name, le) (rate(traces_span_metrics_duration_seconds_bucket{service_name=~"$service_name", span_kind="SPAN_KIND_SERVER"}[$__rate_interval])))`,
                legend: "p95 {{service_name}}",
                exemplar: true,
              },
            ],
          }),
        ],
      },
    ],
  });
