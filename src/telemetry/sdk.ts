// Builds and starts the SDK a service runs, through @opentelemetry/sdk-node's NodeSDK: traces and logs
// over OTLP/HTTP behind our retry buffer, metrics both pushed over OTLP and served on /metrics, all on
// one resource. NodeSDK reads the standard variables itself (OTEL_SDK_DISABLED, OTEL_TRACES_SAMPLER[_ARG],
// span limits, OTEL_NODE_RESOURCE_DETECTORS, OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES, OTEL_PROPAGATORS,
// OTEL_LOG_LEVEL), from process.env. Because we hand it our processors and readers, it builds no exporter
// of its own: which ones run (OTEL_<SIGNAL>_EXPORTER=none), the batch delays and the export interval are read here.
import { randomUUID } from "node:crypto";
import { OTLPLogExporter } from "@opentelemetry/exporter-logs-otlp-http";
import { OTLPMetricExporter } from "@opentelemetry/exporter-metrics-otlp-http";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import type { Instrumentation, InstrumentationBase } from "@opentelemetry/instrumentation";
import { defaultResource, resourceFromAttributes } from "@opentelemetry/resources";
import { BatchLogRecordProcessor, type LogRecordProcessor } from "@opentelemetry/sdk-logs";
import { PeriodicExportingMetricReader, type IMetricReader } from "@opentelemetry/sdk-metrics";
import { NodeSDK, type NodeSDKConfiguration } from "@opentelemetry/sdk-node";
import { BatchSpanProcessor, type SpanProcessor } from "@opentelemetry/sdk-trace";
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from "@opentelemetry/semantic-conventions";
import type { TelemetryConfig } from "./config.ts";
import { envNumber } from "../config/index.ts";
import { registerEsmHook } from "./esm-hook.ts";
import { createInstrumentations } from "./instrumentations.ts";
import { createPrometheusEndpoint } from "./prometheus.ts";
import { withRetryBuffer } from "./retry-buffer.ts";
import { createViews } from "./views.ts";

/** Extra pipeline pieces, for tests (in-memory exporters), Sentry or embedding. */
export interface SdkExtras {
  spanProcessors?: SpanProcessor[];
  logRecordProcessors?: LogRecordProcessor[];
  metricReaders?: IMetricReader[];
  /** NodeSDK settings that replace its defaults (Sentry's context manager and propagator). */
  nodeSdk?: Pick<Partial<NodeSDKConfiguration>, "contextManager" | "textMapPropagator">;
}

export interface Sdk {
  shutdown(): Promise<void>;
}

/** A signal's exporter is off when OTEL_<SIGNAL>_EXPORTER says "none". */
function exporterEnabled(signal: "TRACES" | "METRICS" | "LOGS", env: NodeJS.ProcessEnv): boolean {
  return !(env[`OTEL_${signal}_EXPORTER`] ?? "")
    .split(",")
    .map((s) => s.trim())
    .includes("none");
}

/**
 * The exporters read OTEL_EXPORTER_OTLP_[<SIGNAL>_]ENDPOINT themselves; without either we give our
 * loopback default (their own, localhost, may resolve to ::1 where the collector listens on 127.0.0.1).
 */
function otlpUrl(config: TelemetryConfig, signal: "traces" | "metrics" | "logs", env: NodeJS.ProcessEnv) {
  const set = env.OTEL_EXPORTER_OTLP_ENDPOINT || env[`OTEL_EXPORTER_OTLP_${signal.toUpperCase()}_ENDPOINT`];
  return set ? undefined : `${config.otlpEndpoint}/v1/${signal}`;
}

/**
 * NodeSDK reads OTEL_BSP_* / OTEL_BLRP_* only for processors it builds itself; ours sit in front of
 * the retry buffer, so they are read here. Our default delays are short (a request is queryable within
 * about a second: 500 ms for spans, 200 ms for logs, whose way to search has more steps) while still
 * batching: under load a batch fills long before the delay, at rest there is one export per delay at most.
 */
function batchOptions(prefix: "OTEL_BSP" | "OTEL_BLRP", defaultDelayMs: number, env: NodeJS.ProcessEnv) {
  const read = (name: string, fallback: number) => envNumber(`${prefix}_${name}`, fallback, { min: 0, integer: true }, env);
  return {
    scheduledDelayMillis: read("SCHEDULE_DELAY", defaultDelayMs),
    exportTimeoutMillis: read("EXPORT_TIMEOUT", 30_000),
    maxQueueSize: read("MAX_QUEUE_SIZE", 2048),
    maxExportBatchSize: read("MAX_EXPORT_BATCH_SIZE", 512),
  };
}

/** The packages an instrumentation patches (http, https, express…): what the ESM hook must intercept. */
function patchedModules(instrumentation: Instrumentation): string[] {
  const definitions = "getModuleDefinitions" in instrumentation ? (instrumentation as InstrumentationBase).getModuleDefinitions() : [];
  return definitions.map((definition) => definition.name);
}

function metricReaders(config: TelemetryConfig, extras: SdkExtras, env: NodeJS.ProcessEnv): IMetricReader[] {
  const readers = [...(extras.metricReaders ?? [])];
  if (exporterEnabled("METRICS", env)) {
    readers.push(
      new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter({ url: otlpUrl(config, "metrics", env) }),
        exportIntervalMillis: config.metricExportIntervalMs,
        exportTimeoutMillis: Math.min(30_000, config.metricExportIntervalMs),
      }),
    );
  }
  if (config.metricsPort > 0) readers.push(createPrometheusEndpoint(config.metricsHost, config.metricsPort).reader);
  return readers;
}

function spanProcessors(config: TelemetryConfig, extras: SdkExtras, env: NodeJS.ProcessEnv): SpanProcessor[] {
  const processors = [...(extras.spanProcessors ?? [])];
  if (exporterEnabled("TRACES", env)) {
    const exporter = withRetryBuffer(new OTLPTraceExporter({ url: otlpUrl(config, "traces", env) }), "span", env);
    processors.push(new BatchSpanProcessor({ exporter, ...batchOptions("OTEL_BSP", 500, env) }));
  }
  return processors;
}

function logRecordProcessors(config: TelemetryConfig, extras: SdkExtras, env: NodeJS.ProcessEnv): LogRecordProcessor[] {
  const processors = [...(extras.logRecordProcessors ?? [])];
  if (exporterEnabled("LOGS", env)) {
    const exporter = withRetryBuffer(new OTLPLogExporter({ url: otlpUrl(config, "logs", env) }), "log", env);
    processors.push(new BatchLogRecordProcessor({ exporter, ...batchOptions("OTEL_BLRP", 200, env) }));
  }
  return processors;
}

/** Starts NodeSDK, which registers every provider globally (or nothing with OTEL_SDK_DISABLED=true). */
export async function startSdk(config: TelemetryConfig, extras: SdkExtras = {}, env = process.env): Promise<Sdk> {
  const instrumentations = await createInstrumentations(env);
  registerEsmHook(instrumentations.flatMap(patchedModules));
  const sdk = new NodeSDK({
    // Defaults under the detected resource: OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES still win.
    resource: defaultResource().merge(
      resourceFromAttributes({
        [ATTR_SERVICE_NAME]: config.serviceName,
        [ATTR_SERVICE_VERSION]: config.serviceVersion,
        "deployment.environment.name": config.environment,
        "service.instance.id": randomUUID(),
      }),
    ),
    instrumentations,
    views: createViews(),
    metricReaders: metricReaders(config, extras, env),
    spanProcessors: spanProcessors(config, extras, env),
    logRecordProcessors: logRecordProcessors(config, extras, env),
    ...extras.nodeSdk,
  });
  sdk.start();
  return sdk;
}
