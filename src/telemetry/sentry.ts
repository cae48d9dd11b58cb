// Errors to Sentry, linked to the OTel trace, as Sentry (v11) documents it for an OpenTelemetry set-up
// of one's own: our NodeSDK stays the only tracer and propagator (Sentry registers no OpenTelemetry
// provider: enableOpenTelemetrySetup is off), Sentry's tracing is off and it adds no headers, and
// openTelemetryIntegration stamps the active OTel trace and span ids on every event. Spans reach
// Sentry only through our SDK's OTLP export (sentry-spans.ts). Off when SENTRY_DSN is unset.
import { trace } from "@opentelemetry/api";
import type * as SentryModule from "@sentry/node";
import type { Event as SentryEvent } from "@sentry/node";
import TransportStream from "winston-transport";
import { pseudonymousUserId } from "./pseudonym.ts";
import { redactText, redactValue } from "../redaction/index.ts";
import { REQUEST_ID_HEADER, REQUEST_ID_LOG_FIELD } from "../request/index.ts";

export interface SentrySettings {
  dsn: string;
  environment: string;
  release: string;
  serviceName: string;
}

export interface ErrorContext {
  requestId?: string;
  route?: string;
  /** The caller's id (the X-User-ID header); only its keyed hash is sent. */
  userKey?: string;
  status?: number;
  code?: string;
}

/** Loaded only when a DSN is set: the SDK costs ~0.7 s of startup and ~50 MiB a service without Sentry should not pay. */
let Sentry: typeof SentryModule | undefined;

const DROPPED_INTEGRATIONS = new Set(["Express", "Fastify", "Hapi", "Hono", "Koa", "Nitro", "Dedupe"]);

export function sentryEnabled(): boolean {
  return Sentry !== undefined;
}

/** Redacts what could carry CV personal data or secrets; the request body and cookies are never sent. */
export function scrubEvent<T extends SentryEvent>(event: T): T {
  if (event.message) event.message = redactText(event.message);
  for (const value of event.exception?.values ?? []) {
    if (value.value) value.value = redactText(value.value);
  }
  for (const breadcrumb of event.breadcrumbs ?? []) {
    if (breadcrumb.message) breadcrumb.message = redactText(breadcrumb.message);
    if (breadcrumb.data) breadcrumb.data = redactValue(breadcrumb.data) as Record<string, unknown>;
  }
  if (event.extra) event.extra = redactValue(event.extra) as Record<string, unknown>;
  if (event.request) {
    delete event.request.data;
    delete event.request.cookies;
    delete event.request.query_string;
    if (event.request.headers) event.request.headers = redactValue(event.request.headers) as Record<string, string>;
  }
  if (event.user) event.user = { id: event.user.id };
  return event;
}

export async function startSentry({ dsn, environment, release, serviceName }: SentrySettings): Promise<void> {
  const sdk = await import("@sentry/node");
  sdk.init({
    dsn,
    environment,
    release,
    serverName: serviceName,
    // Sentry's tracing stays off; OTel owns spans and propagation. null, not left out: left out, Sentry
    // would read SENTRY_TRACES_SAMPLE_RATE itself and start a second tracer, where that variable is
    // meant for the share of our spans exported to Sentry (sentry-spans.ts).
    tracesSampleRate: null as unknown as undefined,
    enableOpenTelemetrySetup: false,
    tracePropagationTargets: [],
    // v11 replaced sendDefaultPii with dataCollection: collect no user info, bodies, cookies or queries.
    dataCollection: {
      userInfo: false,
      cookies: false,
      httpBodies: [],
      urlQueryParams: false,
      httpHeaders: { request: { allow: ["user-agent", "content-type", REQUEST_ID_HEADER] }, response: false },
      genAI: { inputs: false, outputs: false },
    },
    // Framework integrations patch Express a second time and capture every error it sees, 4xx
    // included; our problem handler decides what is reported, once. Dedupe drops an error equal to
    // the previous one, which would leave a failed request without its event: each request id
    // must lead to its error.
    integrations: (defaults) => [
      ...defaults.filter((integration) => !DROPPED_INTEGRATIONS.has(integration.name)),
      sdk.openTelemetryIntegration(),
      sdk.httpIntegration({ spans: false }),
    ],
    // Breadcrumbs come from our logs (see SentryBreadcrumbs), not from console output.
    beforeBreadcrumb: (breadcrumb) => (breadcrumb.category === "console" ? null : breadcrumb),
    beforeSend: (event) => scrubEvent(event),
    initialScope: { tags: { "service.name": serviceName } },
  });
  Sentry = sdk;
}

/** Sends one error event in the current OTel context, with request id, route and a pseudonymous user. */
export function captureError(error: unknown, context: ErrorContext = {}): string | undefined {
  const sdk = Sentry;
  if (!sdk) return undefined;
  return sdk.withScope((scope) => {
    if (context.requestId) scope.setTag(REQUEST_ID_LOG_FIELD, context.requestId);
    if (context.route) scope.setTag("http.route", context.route);
    if (context.code) scope.setTag("error.code", context.code);
    if (context.status) scope.setTag("http.response.status_code", String(context.status));
    if (context.userKey) scope.setUser({ id: pseudonymousUserId(context.userKey) });
    const spanContext = trace.getActiveSpan()?.spanContext();
    if (spanContext) scope.setTag("trace_id", spanContext.traceId);
    return sdk.captureException(error);
  });
}

export async function stopSentry(timeoutMs: number): Promise<void> {
  await Sentry?.close(timeoutMs);
}

/** A log record (already redacted by the logger) as a Sentry breadcrumb, when Sentry is on. */
export function addLogBreadcrumb(info: Record<string, unknown>): void {
  if (!Sentry) return;
  const { level, message, ...data } = info;
  Sentry.addBreadcrumb({
    category: "log",
    level: level === "warn" ? "warning" : level === "error" ? "error" : "info",
    message: String(message),
    data: {
      [REQUEST_ID_LOG_FIELD]: data[REQUEST_ID_LOG_FIELD],
      "error.type": data["error.type"],
      "http.response.status_code": data["http.response.status_code"],
    },
  });
}

/** A winston transport turning log records into Sentry breadcrumbs. */
export class SentryBreadcrumbs extends TransportStream {
  override log(info: Record<string, unknown>, callback: () => void): void {
    addLogBreadcrumb(info);
    callback();
  }
}
