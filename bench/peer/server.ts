// The peer: what a user would run instead of our telemetry. The OpenTelemetry "getting started" set-up
// for Node.js (opentelemetry.io/docs/languages/js/getting-started/nodejs and its exporters page), defaults
// untouched: NodeSDK with getNodeAutoInstrumentations() and the OTLP/HTTP exporters for traces, metrics and
// logs, the ESM loader hook registered as the ESM-support guide says, then the app. The app is bare's
// (the same routes and work) plus a winston access-log line per request, which the winston
// instrumentation of the meta-package correlates and bridges to the Logs SDK. OTEL_EXPORTER_OTLP_ENDPOINT
// (the bench's null sink) and OTEL_SERVICE_NAME come from the environment, as the guide has them.
import { register } from "node:module";
import { logs } from "@opentelemetry/api";
import { logs as legacyLogs, type LoggerProvider as LegacyLoggerProvider } from "@opentelemetry/api-logs";
import { getNodeAutoInstrumentations } from "@opentelemetry/auto-instrumentations-node";
import { OTLPLogExporter } from "@opentelemetry/exporter-logs-otlp-http";
import { OTLPMetricExporter } from "@opentelemetry/exporter-metrics-otlp-http";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { BatchLogRecordProcessor } from "@opentelemetry/sdk-logs";
import { PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { NodeSDK } from "@opentelemetry/sdk-node";

register("@opentelemetry/instrumentation/hook.mjs", import.meta.url);

const sdk = new NodeSDK({
  traceExporter: new OTLPTraceExporter(),
  metricReaders: [new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter() })],
  logRecordProcessors: [new BatchLogRecordProcessor({ exporter: new OTLPLogExporter() })],
  instrumentations: [getNodeAutoInstrumentations()],
});
sdk.start();
// The one line beyond the guide: at these versions NodeSDK registers its logger provider on
// @opentelemetry/api while @opentelemetry/winston-transport reads @opentelemetry/api-logs, so the
// bridged records would go nowhere and the peer would be measured without a log signal (ours does the same, src/telemetry/index.ts).
legacyLogs.setGlobalLoggerProvider(logs.getLoggerProvider() as unknown as LegacyLoggerProvider);

// Only now the app and winston, so their instrumentations patch them.
const { createAccessLog } = await import("./access-log.ts");
const { createBareApp, serve } = await import("../bare/app.ts");
serve(createBareApp([createAccessLog()]), () => sdk.shutdown());
