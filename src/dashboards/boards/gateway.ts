// Gateway (the collector's own telemetry, scraped from :8888 as job otel-collector): items accepted,
// refused, sent and failed per signal and exporter, queue fill, memory against the limiter, and the
// backends as the gateway sees them (latency and status of its calls).
import { newDashboard, UIDS } from "../dashboard.ts";
import { timeseriesPanel } from "../panels.ts";

const COLLECTOR = 'job="otel-collector"';
const SIGNALS = [
  ["spans", "spans"],
  ["metric_points", "metric points"],
  ["log_records", "log records"],
] as const;

const perSignal = (metric: (signal: string) => string, by: string, legend: (name: string) => string) =>
  SIGNALS.map(([signal, name]) => ({ expr: `sum by (${by}) (rate(${metric(signal)}{${COLLECTOR}}[$__rate_interval]))`, legend: legend(name) }));

export const gateway = () =>
  newDashboard({
    uid: UIDS.gateway,
    title: "otel-gateway · Gateway (collector)",
    description:
      "The collector's own metrics: what it accepts, refuses, sends and fails per signal and exporter, queue fill against capacity, memory against the limiter, and its calls to Jaeger, Prometheus and the Elasticsearch API.",
    sections: [
      {
        row: "Flow per signal",
        panels: [
          timeseriesPanel({
            title: "Accepted per signal",
            description: "Spans, metric points and log records per second that the OTLP receiver pushed into the pipelines.",
            unit: "short",
            width: 12,
            targets: perSignal(
              (s) => `otelcol_receiver_accepted_${s}_total`,
              "receiver",
              (name) => `${name} {{receiver}}`,
            ),
          }),
          timeseriesPanel({
            title: "Refused at the receiver",
            description:
              "Items per second the OTLP receiver could not push into the pipelines (back-pressure, e.g. the memory limiter above its limit); the client is told to retry. Normally 0.",
            unit: "short",
            width: 12,
            targets: perSignal(
              (s) => `otelcol_receiver_refused_${s}_total`,
              "receiver, transport",
              (name) => `${name} {{receiver}} {{transport}}`,
            ),
          }),
          timeseriesPanel({
            title: "Sent per exporter",
            description:
              "Items per second each exporter delivered: Jaeger (otlp_grpc/jaeger), Prometheus (prometheus_remote_write; prometheus is the pull endpoint), the Elasticsearch API (elasticsearch).",
            unit: "short",
            width: 12,
            targets: perSignal(
              (s) => `otelcol_exporter_sent_${s}_total`,
              "exporter",
              (name) => `${name} {{exporter}}`,
            ),
          }),
          timeseriesPanel({
            title: "Failed per exporter",
            description:
              "Items per second an exporter failed to deliver, per signal: a line above 0 means that backend is down or refusing (queued data is retried; see the queue panel).",
            unit: "short",
            width: 12,
            targets: perSignal(
              (s) => `otelcol_exporter_send_failed_${s}_total`,
              "exporter",
              (name) => `${name} {{exporter}}`,
            ),
          }),
        ],
      },
      {
        row: "Queues and memory",
        panels: [
          timeseriesPanel({
            title: "Exporter queue size vs capacity",
            description:
              "Requests waiting in each exporter's sending queue, per signal, and the queue's capacity: a full queue drops new data. The Jaeger queue is on disk (file_storage).",
            unit: "short",
            width: 12,
            targets: [
              { expr: `max by (exporter, data_type) (otelcol_exporter_queue_size{${COLLECTOR}})`, legend: "size {{exporter}} {{data_type}}" },
              { expr: `max by (exporter, data_type) (otelcol_exporter_queue_capacity{${COLLECTOR}})`, legend: "capacity {{exporter}} {{data_type}}" },
            ],
          }),
          timeseriesPanel({
            title: "Memory vs the memory limiter",
            description:
              "Collector resident memory and Go heap. The memory_limiter refuses data above limit_mib (COLLECTOR_MEMORY_LIMIT_MIB, default 512 MiB: the red line).",
            unit: "bytes",
            width: 12,
            redAt: 512 * 1024 * 1024,
            targets: [
              { expr: `max(otelcol_process_memory_rss_bytes{${COLLECTOR}})`, legend: "RSS" },
              { expr: `max(otelcol_process_runtime_heap_alloc_bytes{${COLLECTOR}})`, legend: "heap" },
            ],
          }),
        ],
      },
      {
        row: "Backends as the gateway sees them",
        panels: [
          timeseriesPanel({
            title: "Remote-write and store latency p95",
            description: "p95 duration of the collector's HTTP calls: Prometheus remote write (port 9090) and Elasticsearch API bulk requests (port 9200).",
            unit: "s",
            width: 8,
            targets: [
              {
                expr: `histogram_quantile(0.95, sum by (server_port, le) (rate(http_client_request_duration_seconds_bucket{${COLLECTOR}}[$__rate_interval])))`,
                legend: "p95 :{{server_port}}",
              },
            ],
          }),
          timeseriesPanel({
            title: "Prometheus and store calls by status",
            description:
              "The collector's HTTP calls per second to Prometheus (:9090) and the Elasticsearch API (:9200) by status code; error_type appears when a call got no answer (backend down).",
            unit: "reqps",
            width: 8,
            targets: [
              {
                expr: `sum by (server_port, http_response_status_code, error_type) (rate(http_client_request_duration_seconds_count{${COLLECTOR}}[$__rate_interval]))`,
                legend: ":{{server_port}} {{http_response_status_code}} {{error_type}}",
              },
            ],
          }),
          timeseriesPanel({
            title: "Jaeger exports by gRPC status",
            description: "OTLP exports per second to Jaeger by gRPC status: OK, or UNAVAILABLE when Jaeger is down and spans wait in the on-disk queue.",
            unit: "reqps",
            width: 8,
            targets: [
              {
                expr: `sum by (rpc_response_status_code) (rate(rpc_client_call_duration_seconds_count{${COLLECTOR}, rpc_method="opentelemetry.proto.collector.trace.v1.TraceService/Export"}[$__rate_interval]))`,
                legend: "status {{rpc_response_status_code}}",
              },
            ],
          }),
        ],
      },
    ],
  });
