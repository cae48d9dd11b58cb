// The one log line every request writes, without winston's stream machinery: through winston it
// cost about 0.2 ms of CPU a request (format chain, a Transform stream and three piped transports),
// a sixth of all our telemetry overhead. This writes the same record, correlated, redacted and
// timestamped by the same functions, to the same three places: a JSON line on stdout (written in
// batches, stdout-lines.ts), the OTel Logs SDK (as @opentelemetry/winston-transport would), and a
// Sentry breadcrumb when Sentry is on.
// Pretty (development) output and any other logger set-up still go through winston.
import { context, logs, SeverityNumber, type Logger } from "@opentelemetry/api";
import { correlateRecord, logger, loggerOptions, redactRecord } from "./logging.ts";
import { addLogBreadcrumb } from "./sentry.ts";
import { writeStdoutLine } from "./stdout-lines.ts";
import { SERVICE_NAME_LOG_FIELD } from "../request/index.ts";

const LEVELS = { error: 0, warn: 1, info: 2 } as const;
const SEVERITY = { error: SeverityNumber.ERROR, warn: SeverityNumber.WARN, info: SeverityNumber.INFO } as const;
/** On the record for stdout, not attributes of the OTel log record (which carries its context). */
const CORRELATION = new Set(["level", "message", "trace_id", "span_id", "trace_flags"]);
const NPM_LEVELS = ["error", "warn", "info", "http", "verbose", "debug", "silly"];

// The scope winston-transport reports, so documents look the same whichever path wrote them;
// taken on first use, once startTelemetry() has registered the provider.
let otelLogger: Logger | undefined;

/**
 * `fields` are values the caller vouches for (a method the HTTP parser validated, a route template from
 * our code, numbers); anything a client chose (a raw path) goes in `untrusted`, which is redacted. Running
 * every redaction rule over our own constants cost more than the rest of the line.
 */
export function accessLog(
  level: keyof typeof LEVELS,
  message: string,
  fields: Record<string, string | number | boolean>,
  untrusted: Record<string, unknown> = {},
): void {
  const options = loggerOptions();
  if (!options || options.pretty) {
    logger().log(level, message, { ...fields, ...untrusted });
    return;
  }
  if (LEVELS[level] > NPM_LEVELS.indexOf(options.level)) return;
  const active = context.active();
  redactRecord(untrusted);
  const record: Record<string, unknown> = { ...fields, ...untrusted, level, message, [SERVICE_NAME_LOG_FIELD]: options.serviceName };
  correlateRecord(record, active);
  record.timestamp = new Date().toISOString();
  writeStdoutLine(JSON.stringify(record));

  const attributes: Record<string, string | number | boolean> = {};
  for (const key in record) {
    const value = record[key];
    if (!CORRELATION.has(key) && (typeof value === "string" || typeof value === "number" || typeof value === "boolean")) attributes[key] = value;
  }
  otelLogger ??= logs.getLogger("@opentelemetry/winston-transport");
  otelLogger.emit({ severityNumber: SEVERITY[level], severityText: level, body: record.message as string, attributes, context: active });
  addLogBreadcrumb(record);
}
