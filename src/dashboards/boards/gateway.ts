// Gateway (the collector's own telemetry, scraped from :8888): items accepted, refused, sent and
// failed per signal and exporter, queue fill, memory against the limiter, and the backends' health.
import { newDashboard, UIDS } from "../dashboard.ts";
import { timeseriesPanel } from "../panels.ts";

const SIGNALS = [
  ["spans", "spans"],
  ["metric_points", "metric points"],
  ["log_records", "log records"],
] as const;

const perSignal = (metric: (signal: string) => string, by: string, legend: (name: string) => string) =>
  SIGNALS.map(([signal, name]) => ({ expr: `sum by (${by}) (rate(${metric(signal)}[$__rate_interval]))`, legend: legend(name) }));

export const gateway = () => newDashboard({
  uid: UIDS.gateway,
  title: "otel-gateway · Gateway (collector)",
  description: "The collector's own metrics: what it accepts, refuses, sends and fails per signal and exporter, queue fill against capacity, memory against the limiter, backend latency.",
  sections: [
    {
      row: "Flow per signal",
      panels: [
        timeseriesPanel({
          title: "Accepted per signal",
          description: "Spans, metric points and log records per second that receivers pushed into the pipelines.",
          unit: "short",
          targets: perSignal((s) => `otelcol_receiver_accepted_${s}_total`, "receiver", (name) => `${name} {{receiver}}`),
        }),
        timeseriesPanel({
          title: "Refused per signal",
          description: "Items per second a receiver could not push into the pipeline (the memory limiter refusing, or a processor error); the client is told to retry.",
          unit: "short",
          targets: perSignal((s) => `otelcol_receiver_refused_${s}_total`, "receiver", (name) => `${name} {{receiver}}`),
        }),
        timeseriesPanel({
          title: "Sent per exporter",
          description: "Items per second each exporter delivered: Jaeger (otlp_grpc/jaeger), Prometheus (prometheusremotewrite, prometheus), the Elasticsearch API (elasticsearch), span metrics (spanmetrics).",
          unit: "short",
          targets: perSignal((s) => `otelcol_exporter_sent_${s}_total`, "exporter", (name) => `${name} {{exporter}}`),
        }),
        timeseriesPanel({
          title: "Failed per exporter",
          description: "Items per second an exporter failed to deliver (after its retries), per backend: a non-zero line means that backend is down or refusing.",
          unit: "short",
          targets: perSignal((s) => `otelcol_exporter_send_failed_${s}_total`, "exporter", (name) => `${name} {{exporter}}`),
        }),
      ],
    },
    {
      row: "Queues and memory",
      panels: [
        timeseriesPanel({
          title: "Exporter queue size vs capacity",
          description: "Batches waiting in each exporter's sending queue, and the queue's capacity: a full queue drops new data.",
          unit: "short",
          targets: [
            { expr: "max by (exporter) (otelcol_exporter_queue_size)", legend: "size {{exporter}}" },
            { expr: "max by (exporter) (otelcol_exporter_queue_capacity)", legend: "capacity {{exporter}}" },
          ],
        }),
        timeseriesPanel({
          title: "Memory vs the memory limiter",
          description: "Collector resident memory and Go heap. The memory_limiter refuses data above limit_mib (COLLECTOR_MEMORY_LIMIT_MIB, default 512 MiB, the red line).",
          unit: "bytes",
          redAt: 512 * 1024 * 1024,
          targets: [
            { expr: "max(otelcol_process_memory_rss_bytes)", legend: "RSS" },
            { expr: "max(otelcol_process_runtime_heap_alloc_bytes)", legend: "heap" },
          ],
        }),
      ],
    },
  ],
});
