// The request id of the active context. It travels as W3C baggage, so every service in a trace sees
// the same id and every log line inside a request can carry it. Below telemetry and http, which both
// read it (the logger to correlate records, the HTTP layer to set it).
import { context, propagation, type Context } from "@opentelemetry/api";
import { REQUEST_ID_BAGGAGE_KEY } from "./names.ts";

/** Ids we accept from callers: printable, short, no spaces or separators that break log queries. */
const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function isSaneRequestId(value: unknown): value is string {
  return typeof value === "string" && SANE_REQUEST_ID.test(value);
}

export function requestIdFrom(ctx: Context = context.active()): string | undefined {
  return propagation.getBaggage(ctx)?.getEntry(REQUEST_ID_BAGGAGE_KEY)?.value;
}

export function withRequestId(requestId: string, ctx: Context = context.active()): Context {
  const baggage = propagation.getBaggage(ctx) ?? propagation.createBaggage();
  return propagation.setBaggage(ctx, baggage.setEntry(REQUEST_ID_BAGGAGE_KEY, { value: requestId }));
}
