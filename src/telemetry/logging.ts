// winston, JSON to stdout (pretty in development), and every record also handed to the OTel
// Logs SDK through @opentelemetry/winston-transport. Inside a request each record carries
// trace_id, span_id and request_id; text is redacted before it leaves the process.
import { context, trace } from "@opentelemetry/api";
import { OpenTelemetryTransportV3 } from "@opentelemetry/winston-transport";
import winston from "winston";
import type { LogLevel } from "./config.ts";
import { redactField } from "../redaction/index.ts";
import { REQUEST_ID_LOG_FIELD, requestIdFrom, SERVICE_NAME_LOG_FIELD } from "../request/index.ts";
import { SentryBreadcrumbs } from "./sentry.ts";

/** The key the winston transport reads the emitting context from (transports may run later). */
const OTEL_CONTEXT = Symbol.for("opentelemetry.js.contrib.winston.context");
const SPLAT = Symbol.for("splat");

/** Adds trace_id, span_id, trace_flags and request_id of the active context to a record. */
export function correlateRecord(info: Record<string, unknown>, active = context.active()): void {
  const spanContext = trace.getSpanContext(active);
  if (spanContext) {
    info.trace_id = spanContext.traceId;
    info.span_id = spanContext.spanId;
    info.trace_flags = `0${spanContext.traceFlags.toString(16)}`;
  }
  const requestId = requestIdFrom(active);
  if (requestId) info[REQUEST_ID_LOG_FIELD] = requestId;
}

const correlate = winston.format((info) => {
  const active = context.active();
  correlateRecord(info, active);
  (info as Record<symbol, unknown>)[OTEL_CONTEXT] = active;
  return info;
});

/** Ids we wrote ourselves; their digit runs must not be mistaken for phone numbers. */
const TRUSTED_FIELDS = new Set(["level", "trace_id", "span_id", "trace_flags", REQUEST_ID_LOG_FIELD, SERVICE_NAME_LOG_FIELD, "timestamp"]);

/** Masks personal data and secrets in every field but our own ids. */
export function redactRecord(info: Record<string, unknown>): void {
  for (const key of Object.keys(info)) {
    if (!TRUSTED_FIELDS.has(key)) info[key] = redactField(key, info[key]);
  }
}

const redact = winston.format((info) => {
  redactRecord(info);
  delete (info as Record<symbol, unknown>)[SPLAT];
  return info;
});

export interface LoggerOptions {
  serviceName: string;
  level: LogLevel;
  pretty: boolean;
}

export function createLogger(options: LoggerOptions): winston.Logger {
  const { serviceName, level, pretty } = options;
  const console = new winston.transports.Console({
    format: pretty ? winston.format.combine(winston.format.colorize(), winston.format.simple()) : winston.format.json(),
  });
  return winston.createLogger({
    level,
    defaultMeta: { [SERVICE_NAME_LOG_FIELD]: serviceName },
    format: winston.format.combine(winston.format.errors({ stack: true }), correlate(), redact(), winston.format.timestamp()),
    transports: [console, new OpenTelemetryTransportV3(), new SentryBreadcrumbs()],
  });
}

let current: winston.Logger | undefined;
let currentOptions: LoggerOptions | undefined;

/** The process's logger; a plain one until startTelemetry() configures it. */
export function logger(): winston.Logger {
  current ??= createLogger({ serviceName: process.env.OTEL_SERVICE_NAME ?? "unknown", level: "info", pretty: false });
  return current;
}

/** The options the current logger was made with (the access log's fast path follows them). */
export function loggerOptions(): LoggerOptions | undefined {
  return currentOptions;
}

export function setLogger(next: winston.Logger, options?: LoggerOptions): void {
  current = next;
  currentOptions = options;
}
