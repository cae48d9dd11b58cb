// OTLP/HTTP JSON payloads built by hand, for tests and the chaos suite that play a foreign client:
// one span, one log record or one gauge point, with the attributes given.
import { randomBytes } from "node:crypto";

type Attributes = Record<string, string | number | boolean>;

const value = (v: string | number | boolean) =>
  typeof v === "string" ? { stringValue: v } : typeof v === "boolean" ? { boolValue: v } : Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };
const attributes = (attrs: Attributes) => Object.entries(attrs).map(([key, v]) => ({ key, value: value(v) }));
/** A log body: a string, or a map (nested maps allowed) as OTLP's kvlistValue. */
export type Body = string | { [key: string]: string | Body };
const bodyValue = (body: Body): unknown =>
  typeof body === "string" ? { stringValue: body } : { kvlistValue: { values: Object.entries(body).map(([key, v]) => ({ key, value: bodyValue(v) })) } };
/** A service name, or the whole resource's attributes. */
const resource = (service: string | Attributes) => ({ attributes: attributes(typeof service === "string" ? { "service.name": service } : service) });
const scope = { name: "otel-gateway-test" };
const nowNanos = () => String(BigInt(Date.now()) * 1_000_000n);

export const newTraceId = () => randomBytes(16).toString("hex");
export const newSpanId = () => randomBytes(8).toString("hex");

export interface SpanSpec {
  traceId: string;
  spanId: string;
  name?: string;
  attributes?: Attributes;
  events?: Array<{ name: string; attributes: Attributes }>;
  /** Status ERROR with this message. */
  statusMessage?: string;
}

export function tracesPayload(service: string | Attributes, spans: SpanSpec[]) {
  const time = nowNanos();
  return {
    resourceSpans: [
      {
        resource: resource(service),
        scopeSpans: [
          {
            scope,
            spans: spans.map((span) => ({
              traceId: span.traceId,
              spanId: span.spanId,
              name: span.name ?? "probe",
              kind: 2,
              startTimeUnixNano: time,
              endTimeUnixNano: time,
              attributes: attributes(span.attributes ?? {}),
              events: (span.events ?? []).map((event) => ({ name: event.name, timeUnixNano: time, attributes: attributes(event.attributes) })),
              ...(span.statusMessage === undefined ? {} : { status: { code: 2, message: span.statusMessage } }),
            })),
          },
        ],
      },
    ],
  };
}

export function logsPayload(service: string | Attributes, records: Array<{ traceId?: string; body: Body; attributes?: Attributes }>) {
  const time = nowNanos();
  return {
    resourceLogs: [
      {
        resource: resource(service),
        scopeLogs: [
          {
            scope,
            logRecords: records.map((record) => ({
              timeUnixNano: time,
              observedTimeUnixNano: time,
              severityNumber: 9,
              severityText: "INFO",
              traceId: record.traceId,
              body: bodyValue(record.body),
              attributes: attributes(record.attributes ?? {}),
            })),
          },
        ],
      },
    ],
  };
}

export function gaugePayload(service: string | Attributes, name: string, points: Array<{ value: number; attributes: Attributes }>) {
  const time = nowNanos();
  return {
    resourceMetrics: [
      {
        resource: resource(service),
        scopeMetrics: [
          {
            scope,
            metrics: [
              { name, gauge: { dataPoints: points.map((point) => ({ timeUnixNano: time, asDouble: point.value, attributes: attributes(point.attributes) })) } },
            ],
          },
        ],
      },
    ],
  };
}

/** A monotonic cumulative counter (OTLP sum): what an SDK's Counter exports. */
export function counterPayload(service: string, name: string, points: Array<{ value: number; attributes: Attributes }>) {
  const time = nowNanos();
  const dataPoints = points.map((point) => ({ startTimeUnixNano: time, timeUnixNano: time, asDouble: point.value, attributes: attributes(point.attributes) }));
  return {
    resourceMetrics: [
      { resource: resource(service), scopeMetrics: [{ scope, metrics: [{ name, sum: { aggregationTemporality: 2, isMonotonic: true, dataPoints } }] }] },
    ],
  };
}

/** POSTs one payload to <base>/v1/<signal>; resolves with the HTTP status (0: no connection). */
export async function postOtlp(base: string, signal: "traces" | "logs" | "metrics", payload: unknown, timeoutMs = 30_000): Promise<number> {
  try {
    const response = await fetch(`${base}/v1/${signal}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}
