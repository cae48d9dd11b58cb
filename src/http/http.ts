// HTTP helpers every service mounts: the request context (request id, traceresponse header)
// and the problem-details error handler. Express is imported for types only, so loading
// this module never loads express before its instrumentation is in place.
import { context, SpanStatusCode, trace, type Context } from "@opentelemetry/api";
import { getRPCMetadata, RPCType, type RPCMetadata } from "@opentelemetry/core";
import type { NextFunction, Request, Response } from "express";
import { randomUUID } from "node:crypto";
import { HttpError, problemOf, toHttpError } from "./errors.ts";
import { accessLog, captureError, logger, serverSpanOf } from "../telemetry/index.ts";
import { isSaneRequestId, REQUEST_ID_ATTRIBUTE, REQUEST_ID_HEADER, requestIdFrom, withRequestId } from "../request/index.ts";

/** W3C Trace Context level 2 `traceresponse`: 00-<trace-id>-<span-id>-<flags>. */
export function traceresponseOf(traceId: string, spanId: string, traceFlags: number): string {
  return `00-${traceId}-${spanId}-${traceFlags.toString(16).padStart(2, "0")}`;
}

/**
 * Accepts a sane X-Request-ID (or the one in baggage from an upstream service), else makes one;
 * echoes it, puts it on the server span and in baggage, and answers the trace id in `traceresponse`.
 */
export function requestContext() {
  return (request: Request, response: Response, next: NextFunction): void => {
    const header = request.get(REQUEST_ID_HEADER);
    const inherited = requestIdFrom();
    const requestId = isSaneRequestId(header) ? header : isSaneRequestId(inherited) ? inherited : randomUUID();
    response.setHeader(REQUEST_ID_HEADER, requestId);

    const span = serverSpanOf(request) ?? trace.getActiveSpan();
    if (span) {
      span.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
      const { traceId, spanId, traceFlags } = span.spanContext();
      response.setHeader("traceresponse", traceresponseOf(traceId, spanId, traceFlags));
    }
    const ctx = withRequestId(requestId);
    if (!PROBES.test(request.path)) logCompletion(request, response, ctx, getRPCMetadata(ctx));
    context.with(ctx, next);
  };
}

const PROBES = /^\/(health|ready)$/;

/**
 * One access-log line per request, written in the request's context so it carries its ids. It also
 * hands the matched route template to the HTTP instrumentation (`rpc`), which reads it on 'close', after
 * 'finish': the server span is named `POST /v1/cvs/parse` and http.server.request.duration gets http.route
 * without the Express instrumentation, whose wrapper on every layer cost more than the rest of our HTTP telemetry.
 */
function logCompletion(request: Request, response: Response, requestContext: Context, rpc: RPCMetadata | undefined): void {
  const started = performance.now();
  response.once("finish", () => {
    context.with(requestContext, () => {
      const status = response.statusCode;
      const fields: Record<string, string | number> = {
        "http.request.method": request.method,
        "http.response.status_code": status,
        duration_ms: Math.round((performance.now() - started) * 10) / 10,
      };
      // A matched route is our template; an unmatched one is the client's path, redacted as such.
      const template: unknown = request.route?.path;
      const untrusted: Record<string, unknown> = {};
      if (typeof template === "string") {
        fields["http.route"] = template;
        if (rpc?.type === RPCType.HTTP) rpc.route = template;
      } else untrusted["http.route"] = request.path;
      accessLog(status >= 500 ? "error" : "info", "request completed", fields, untrusted);
    });
  });
}

/** Unknown routes answer a problem, not Express's HTML page. */
export function notFound() {
  return (request: Request, _response: Response, next: NextFunction): void => {
    next(new HttpError("not_found", `No route for ${request.method} ${request.path}`));
  };
}

/** The one error handler: problem details as JSON, 5xx recorded on the span and logged as errors. */
export function problemHandler() {
  return (error: unknown, request: Request, response: Response, next: NextFunction): void => {
    const httpError = toHttpError(error);
    const span = serverSpanOf(request) ?? trace.getActiveSpan();
    // The handler runs in the request's context (requestContext() called next() inside it).
    const problem = problemOf(httpError, {
      requestId: requestIdFrom(),
      traceId: span?.spanContext().traceId,
    });
    if (httpError.status >= 500) {
      const cause = httpError.cause ?? httpError;
      const route = request.route?.path ?? request.path;
      span?.recordException(cause instanceof Error ? cause : new Error(String(cause)));
      span?.setStatus({ code: SpanStatusCode.ERROR, message: httpError.message });
      // Semantic-convention keys: a foreign service's `code.*` (code.file.path…) must not clash with ours.
      logger().error("request failed", { "error.type": httpError.code, "http.response.status_code": httpError.status, "http.route": route, error: cause });
      if (!httpError.reportedDownstream) {
        captureError(httpError, { requestId: problem.requestId, route, status: httpError.status, code: httpError.code, userKey: request.get("x-user-id") });
      }
    } else {
      logger().warn("request rejected", { "error.type": httpError.code, "http.response.status_code": httpError.status, detail: httpError.message });
    }
    // Too late for a problem body: Express's default handler closes the half-sent response.
    if (response.headersSent) return next(error);
    response.status(httpError.status).type("application/problem+json").send(JSON.stringify(problem));
  };
}
