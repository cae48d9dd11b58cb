// /metrics with the OpenTelemetry Prometheus exporter as the reader. Its serializer leaves units
// out of names, so metric names are given their unit suffix first (http.server.request.duration
// in "s" -> http_server_request_duration_seconds), as the OTel-Prometheus compatibility spec and
// the collector's Prometheus exporters do: one name whether a series was scraped or pushed.
import { createServer, type Server } from "node:http";
import { PrometheusExporter, PrometheusSerializer } from "@opentelemetry/exporter-prometheus";
import { DataPointType, type MetricData, type ResourceMetrics } from "@opentelemetry/sdk-metrics";

const UNIT_WORDS: Record<string, string> = {
  s: "seconds",
  ms: "milliseconds",
  us: "microseconds",
  ns: "nanoseconds",
  min: "minutes",
  h: "hours",
  d: "days",
  By: "bytes",
  KiBy: "kibibytes",
  MiBy: "mebibytes",
  "%": "percent",
};

/** After a slash the spec uses singular time words: By/s -> bytes_per_second. */
const PER_UNIT_WORDS: Record<string, string> = { s: "second", min: "minute", h: "hour", d: "day", w: "week", mo: "month", y: "year" };

/** The Prometheus suffix of an OTel unit; annotations like {request} add nothing. */
export function unitSuffix(unit: string, metric: Pick<MetricData, "dataPointType">): string {
  const cleaned = unit.replace(/\{[^}]*\}/g, "").trim();
  if (cleaned === "1") return metric.dataPointType === DataPointType.GAUGE ? "ratio" : "";
  if (!cleaned) return "";
  const [numerator = "", denominator] = cleaned.split("/");
  const words = UNIT_WORDS[numerator] ?? numerator;
  return denominator ? `${words}_per_${PER_UNIT_WORDS[denominator] ?? denominator}` : words;
}

function withUnitSuffix(metric: MetricData): MetricData {
  const suffix = unitSuffix(metric.descriptor.unit, metric);
  const name = metric.descriptor.name;
  if (!suffix || name.replace(/\./g, "_").endsWith(`_${suffix}`)) return metric;
  return { ...metric, descriptor: { ...metric.descriptor, name: `${name}_${suffix}` } } as MetricData;
}

export function withUnitSuffixes(resourceMetrics: ResourceMetrics): ResourceMetrics {
  return {
    ...resourceMetrics,
    scopeMetrics: resourceMetrics.scopeMetrics.map((scope) => ({ ...scope, metrics: scope.metrics.map(withUnitSuffix) })),
  };
}

export interface PrometheusEndpoint {
  reader: PrometheusExporter;
  server: Server;
}

/**
 * The host detector's attributes arrive asynchronously, and NodeSDK starts without waiting for them:
 * a scrape in that first instant awaits them rather than reading a resource still pending (which logs
 * "Accessing resource attributes before async attributes settled"), as the push exporters do.
 */
async function collect(reader: PrometheusExporter): Promise<ResourceMetrics> {
  const { resourceMetrics } = await reader.collect();
  await resourceMetrics.resource.waitForAsyncAttributes?.();
  return resourceMetrics;
}

export function createPrometheusEndpoint(host: string, port: number): PrometheusEndpoint {
  const reader = new PrometheusExporter({ preventServerStart: true });
  // Each series carries service_name, so a scrape is self-describing without target_info joins.
  const serializer = new PrometheusSerializer(undefined, false, /^service\.name$/);
  const server = createServer((request, response) => {
    if (request.method !== "GET" || !request.url?.startsWith("/metrics")) {
      response.writeHead(404).end("Not found: metrics are at /metrics\n");
      return;
    }
    collect(reader).then(
      (resourceMetrics) => {
        response.writeHead(200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" });
        response.end(serializer.serialize(withUnitSuffixes(resourceMetrics)));
      },
      (error: unknown) => response.writeHead(500).end(`# failed to collect metrics: ${String(error)}\n`),
    );
  });
  // A taken port must not crash the service: it runs on without /metrics and says so.
  server.on("error", (error) => process.emitWarning(`/metrics not served on ${host}:${port}: ${error.message}`));
  server.listen(port, host);
  server.unref();
  return { reader, server };
}
