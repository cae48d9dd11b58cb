// The hostile request bodies, built by hand as a client without an SDK would send them: no SDK
// limit on series, attributes or events, and encodings chosen to cost the receiver, not the sender.
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { createGzip, createZstdCompress } from "node:zlib";
import { counterPayload, gaugePayload, newSpanId, newTraceId, tracesPayload } from "../../../test/support/otlp-json.ts";

/** One counter, `series` distinct user.id values over `requests` payloads: each point a new series. */
export function cardinalityBomb(service: string, series: number, requests: number): string[] {
  const perRequest = Math.ceil(series / requests);
  return Array.from({ length: requests }, (_, r) =>
    JSON.stringify(
      counterPayload(
        service,
        "abuse_bomb_requests",
        Array.from({ length: perRequest }, (_, i) => ({ value: 1, attributes: { "user.id": `user-${r * perRequest + i}` } })),
      ),
    ),
  );
}

/** One gauge point stamped `offsetMs` away from now: a client whose clock is wrong. */
export function skewedGauge(service: string, offsetMs: number): string {
  const body = gaugePayload(service, "abuse_skewed_clock", [{ value: 1, attributes: { "abuse.offset_ms": offsetMs } }]);
  body.resourceMetrics[0]!.scopeMetrics[0]!.metrics[0]!.gauge.dataPoints[0]!.timeUnixNano = String(BigInt(Date.now() + offsetMs) * 1_000_000n);
  return JSON.stringify(body);
}

/** One span; its trace id is how the case finds what Jaeger kept of it. */
export function oneSpan(service: string, spec: { attributes?: Record<string, string>; events?: number }) {
  const traceId = newTraceId();
  const events = Array.from({ length: spec.events ?? 0 }, (_, i) => ({ name: `abuse event ${i}`, attributes: { "abuse.event": i } }));
  return { traceId, body: JSON.stringify(tracesPayload(service, [{ traceId, spanId: newSpanId(), name: "abuse span", attributes: spec.attributes, events }])) };
}

export const manyAttributes = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`abuse.attr.${i}`, `value ${i}`]));

/**
 * A valid OTLP JSON opening followed by `decompressedBytes` of one repeated letter inside a string,
 * compressed by streaming (the sender never holds the decompressed body): about 1,000:1 with gzip,
 * far more with zstd.
 */
export async function compressionBomb(encoding: "gzip" | "zstd", decompressedBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const chunk = Buffer.alloc(1 << 20, "A");
  const chunks = Math.ceil(decompressedBytes / chunk.length);
  async function* body() {
    yield Buffer.from('{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"');
    for (let i = 0; i < chunks; i++) yield chunk;
    yield Buffer.from('"}}]}}]}');
  }
  return new Uint8Array(await buffer(Readable.from(body()).pipe(encoding === "gzip" ? createGzip({ level: 9 }) : createZstdCompress())));
}

/** Random bytes sent as OTLP protobuf: field tags and lengths that lead nowhere. */
export const garbageProtobuf = (bytes: number) => new Uint8Array(randomBytes(bytes));

/** A log record whose body is an AnyValue kvlist nested `depth` deep (what the JSON decoder recurses on). */
export function nestedLog(service: string, depth: number): string {
  const open = '{"kvlistValue":{"values":[{"key":"k","value":';
  const close = "}]}}";
  const body = `${open.repeat(depth)}{"stringValue":"bottom"}${close.repeat(depth)}`;
  const resource = `{"attributes":[{"key":"service.name","value":{"stringValue":${JSON.stringify(service)}}}]}`;
  const time = String(BigInt(Date.now()) * 1_000_000n);
  return `{"resourceLogs":[{"resource":${resource},"scopeLogs":[{"scope":{"name":"abuse"},"logRecords":[{"timeUnixNano":"${time}","body":${body}}]}]}]}`;
}
