// Builds and starts the SDK a service runs: traces and logs over OTLP/HTTP, metrics both pushed over
// OTLP and served on /metrics by the Prometheus exporter, all on one resource. The providers are
// wired here rather than by @opentelemetry/sdk-node's NodeSDK, which imports every exporter it
// could be asked for (gRPC, protobuf, Zipkin, B3): a third of a second and tens of MiB at startup
// for code we never run. What NodeSDK read from the environment is read here the same way.
import { randomUUID } from "node:crypto";
import { context, logs, metrics, propagation, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPLogExporter } from "@opentelemetry/exporter-logs-otlp-http";
import { OTLPMetricExporter } from "@opentelemetry/exporter-metrics-otlp-http";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { registerInstrumentations, type Instrumentation, type InstrumentationBase } from "@opentelemetry/instrumentation";
import { defaultResource, detectResources, resourceFromAttributes, type Resource } from "@opentelemetry/resources";
import { BatchLogRecordProcessor, LoggerProvider, type LogRecordProcessor } from "@opentelemetry/sdk-logs";
import { MeterProvider, PeriodicExportingMetricReader, type IMetricReader } from "@opentelemetry/sdk-metrics";
import { BatchSpanProcessor, TracerProvider, type SpanProcessor } from "@opentelemetry/sdk-trace";
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from "@opentelemetry/semantic-conventions";
import type { TelemetryConfig } from "./config.ts";
import { envBoolean, envNumber } from "../config/index.ts";
import { registerEsmHook } from "./esm-hook.ts";
import { createInstrumentations } from "./instrumentations.ts";
import { createPrometheusEndpoint } from "./prometheus.ts";
import { resourceDetectorsFromEnv } from "./resource.ts";
import { withRetryBuffer } from "./retry-buffer.ts";
import { samplerFromEnv, spanLimitsFromEnv } from "./sampler.ts";
import { createViews } from "./views.ts";

/** Extra pipeline pieces, for tests (in-memory exporters) or embedding. */
export interface SdkExtras {
  spanProcessors?: SpanProcessor[];
  logRecordProcessors?: LogRecordProcessor[];
  metricReaders?: IMetricReader[];
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

/** The exporters read OTEL_EXPORTER_OTLP_* themselves; we only supply our loopback default. */
function otlpUrl(config: TelemetryConfig, signal: "traces" | "metrics" | "logs", env: NodeJS.ProcessEnv) {
  const specific = env[`OTEL_EXPORTER_OTLP_${signal.toUpperCase()}_ENDPOINT`];
  return specific ? undefined : `${config.otlpEndpoint}/v1/${signal}`;
}

/**
 * The batch processors no longer read OTEL_BSP_* / OTEL_BLRP_* themselves; the spec says they should.
 * Our default delays are short (a request is queryable within about a second: 500 ms for spans,
 * 200 ms for logs, whose way to search has more steps) while still batching: under load a batch
 * fills long before the delay, at rest there is one export per delay at most.
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

/** OTEL_PROPAGATORS: tracecontext and baggage (the default), or none; other names are not loaded here. */
function propagatorFromEnv(env: NodeJS.ProcessEnv) {
  const known = { tracecontext: () => new W3CTraceContextPropagator(), baggage: () => new W3CBaggagePropagator() };
  const names = (env.OTEL_PROPAGATORS ?? "tracecontext,baggage")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => name !== "none" && !(name in known));
  if (unknown.length) process.emitWarning(`OTEL_PROPAGATORS: ${unknown.join(", ")} not available here; using the others`, { code: "OTEL_GATEWAY_BAD_ENV" });
  const propagators = names.includes("none") ? [] : names.filter((name) => name in known).map((name) => known[name as keyof typeof known]());
  return new CompositePropagator({ propagators });
}

/** The packages an instrumentation patches (http, https, express…): what the ESM hook must intercept. */
function patchedModules(instrumentation: Instrumentation): string[] {
  const definitions = "getModuleDefinitions" in instrumentation ? (instrumentation as InstrumentationBase).getModuleDefinitions() : [];
  return definitions.map((definition) => definition.name);
}

function resourceOf(config: TelemetryConfig, env: NodeJS.ProcessEnv): Resource {
  // OTEL_RESOURCE_ATTRIBUTES and OTEL_SERVICE_NAME (env detector) still win over these defaults.
  return defaultResource()
    .merge(
      resourceFromAttributes({
        [ATTR_SERVICE_NAME]: config.serviceName,
        [ATTR_SERVICE_VERSION]: config.serviceVersion,
        "deployment.environment.name": config.environment,
        "service.instance.id": randomUUID(),
      }),
    )
    .merge(detectResources({ detectors: resourceDetectorsFromEnv(env) }));
}

/** Starts every provider and registers it globally; OTEL_SDK_DISABLED=true starts nothing. */
export async function startSdk(config: TelemetryConfig, extras: SdkExtras = {}, env = process.env): Promise<Sdk> {
  if (envBoolean("OTEL_SDK_DISABLED", false, env)) return { shutdown: async () => {} };
  // Instrumentations first (as NodeSDK does), so they hook modules before anything loads them.
  const instrumentations = await createInstrumentations(env);
  registerInstrumentations({ instrumentations });
  registerEsmHook(instrumentations.flatMap(patchedModules));
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(propagatorFromEnv(env));
  const resource = resourceOf(config, env);
  // The host detector's attributes arrive asynchronously; settled before any reader sees the resource
  // (a /metrics scrape or a log read in between logged "Accessing resource attributes before async attributes settled").
  await resource.waitForAsyncAttributes?.();

  const readers: IMetricReader[] = [...(extras.metricReaders ?? [])];
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
  const meterProvider = new MeterProvider({ resource, views: createViews(), readers });
  metrics.setGlobalMeterProvider(meterProvider);
  for (const instrumentation of instrumentations) instrumentation.setMeterProvider(meterProvider);

  const spanProcessors: SpanProcessor[] = [...(extras.spanProcessors ?? [])];
  if (exporterEnabled("TRACES", env)) {
    spanProcessors.push(
      new BatchSpanProcessor({
        exporter: withRetryBuffer(new OTLPTraceExporter({ url: otlpUrl(config, "traces", env) }), "span", env),
        ...batchOptions("OTEL_BSP", 500, env),
      }),
    );
  }
  const tracerProvider = new TracerProvider({ resource, sampler: samplerFromEnv(env), spanLimits: spanLimitsFromEnv(env), spanProcessors });
  trace.setGlobalTracerProvider(tracerProvider);

  const logRecordProcessors: LogRecordProcessor[] = [...(extras.logRecordProcessors ?? [])];
  if (exporterEnabled("LOGS", env)) {
    logRecordProcessors.push(
      new BatchLogRecordProcessor({
        exporter: withRetryBuffer(new OTLPLogExporter({ url: otlpUrl(config, "logs", env) }), "log", env),
        ...batchOptions("OTEL_BLRP", 200, env),
      }),
    );
  }
  const loggerProvider = new LoggerProvider({ resource, processors: logRecordProcessors });
  logs.setGlobalLoggerProvider(loggerProvider);

  return {
    shutdown: () => Promise.all([tracerProvider.shutdown(), loggerProvider.shutdown(), meterProvider.shutdown()]).then(() => undefined),
  };
}
