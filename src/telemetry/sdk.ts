// Builds and starts the one NodeSDK a service runs: traces and logs over OTLP/HTTP, metrics both
// pushed over OTLP and served on /metrics by the Prometheus exporter, all on one resource.
import { randomUUID } from "node:crypto";
import { OTLPLogExporter } from "@opentelemetry/exporter-logs-otlp-http";
import { OTLPMetricExporter } from "@opentelemetry/exporter-metrics-otlp-http";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { defaultResource, resourceFromAttributes } from "@opentelemetry/resources";
import { BatchLogRecordProcessor, type LogRecordProcessor } from "@opentelemetry/sdk-logs";
import { PeriodicExportingMetricReader, type IMetricReader } from "@opentelemetry/sdk-metrics";
import { NodeSDK } from "@opentelemetry/sdk-node";
import { BatchSpanProcessor, type SpanProcessor } from "@opentelemetry/sdk-trace";
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from "@opentelemetry/semantic-conventions";
import type { TelemetryConfig } from "./config.ts";
import { envNumber } from "./env.ts";
import { createInstrumentations } from "./instrumentations.ts";
import { createPrometheusEndpoint } from "./prometheus.ts";
import { createViews } from "./views.ts";

/** Extra pipeline pieces, for tests (in-memory exporters) or embedding. */
export interface SdkExtras {
  spanProcessors?: SpanProcessor[];
  logRecordProcessors?: LogRecordProcessor[];
  metricReaders?: IMetricReader[];
}

/** A signal's exporter is off when OTEL_<SIGNAL>_EXPORTER says "none". */
function exporterEnabled(signal: "TRACES" | "METRICS" | "LOGS", env: NodeJS.ProcessEnv): boolean {
  return !(env[`OTEL_${signal}_EXPORTER`] ?? "").split(",").map((s) => s.trim()).includes("none");
}

/** The exporters read OTEL_EXPORTER_OTLP_* themselves; we only supply our loopback default. */
function otlpUrl(config: TelemetryConfig, signal: "traces" | "metrics" | "logs", env: NodeJS.ProcessEnv) {
  const specific = env[`OTEL_EXPORTER_OTLP_${signal.toUpperCase()}_ENDPOINT`];
  return specific ? undefined : `${config.otlpEndpoint}/v1/${signal}`;
}

/** The batch processors no longer read OTEL_BSP_* / OTEL_BLRP_* themselves; the spec says they should. */
function batchOptions(prefix: "OTEL_BSP" | "OTEL_BLRP", defaultDelayMs: number, env: NodeJS.ProcessEnv) {
  const read = (name: string, fallback: number) => envNumber(`${prefix}_${name}`, fallback, { min: 0, integer: true }, env);
  return {
    scheduledDelayMillis: read("SCHEDULE_DELAY", defaultDelayMs),
    exportTimeoutMillis: read("EXPORT_TIMEOUT", 30_000),
    maxQueueSize: read("MAX_QUEUE_SIZE", 2048),
    maxExportBatchSize: read("MAX_EXPORT_BATCH_SIZE", 512),
  };
}

export function createSdk(config: TelemetryConfig, extras: SdkExtras = {}, env = process.env): NodeSDK {
  const spanProcessors: SpanProcessor[] = [...(extras.spanProcessors ?? [])];
  if (exporterEnabled("TRACES", env)) {
    spanProcessors.push(new BatchSpanProcessor({
        exporter: new OTLPTraceExporter({ url: otlpUrl(config, "traces", env) }),
        ...batchOptions("OTEL_BSP", 5_000, env),
      }));
  }

  const metricReaders: IMetricReader[] = [...(extras.metricReaders ?? [])];
  if (exporterEnabled("METRICS", env)) {
    metricReaders.push(
      new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter({ url: otlpUrl(config, "metrics", env) }),
        exportIntervalMillis: config.metricExportIntervalMs,
        exportTimeoutMillis: Math.min(30_000, config.metricExportIntervalMs),
      }),
    );
  }
  if (config.metricsPort > 0) metricReaders.push(createPrometheusEndpoint(config.metricsHost, config.metricsPort).reader);

  const logRecordProcessors: LogRecordProcessor[] = [...(extras.logRecordProcessors ?? [])];
  if (exporterEnabled("LOGS", env)) {
    logRecordProcessors.push(new BatchLogRecordProcessor({
        exporter: new OTLPLogExporter({ url: otlpUrl(config, "logs", env) }),
        ...batchOptions("OTEL_BLRP", 1_000, env),
      }));
  }

  return new NodeSDK({
    // OTEL_RESOURCE_ATTRIBUTES and OTEL_SERVICE_NAME (env detector) still win over these defaults.
    resource: defaultResource().merge(
      resourceFromAttributes({
        [ATTR_SERVICE_NAME]: config.serviceName,
        [ATTR_SERVICE_VERSION]: config.serviceVersion,
        "deployment.environment.name": config.environment,
        "service.instance.id": randomUUID(),
      }),
    ),
    instrumentations: createInstrumentations(env),
    spanProcessors,
    metricReaders,
    views: createViews(),
    logRecordProcessors,
  });
}
