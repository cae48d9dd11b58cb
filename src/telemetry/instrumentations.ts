// The instrumentations the services really use, as an allow-list. OTEL_NODE_ENABLED_INSTRUMENTATIONS
// (the standard variable) replaces the list; fs, dns and net stay off by default: they are noise here.
import type { IncomingMessage } from "node:http";
import type { Span } from "@opentelemetry/api";
import { getNodeAutoInstrumentations } from "@opentelemetry/auto-instrumentations-node";
import type { Instrumentation } from "@opentelemetry/instrumentation";

export const DEFAULT_INSTRUMENTATIONS = "http,express,undici,runtime-node,host-metrics";

/** Probes and scrapes are not requests anyone wants a trace of. */
const UNTRACED_PATHS = /^\/(health|ready|metrics)(\/|\?|$)/;

/** The server span of each incoming request, so the request-context middleware can decorate it. */
const serverSpans = new WeakMap<IncomingMessage, Span>();

export function serverSpanOf(request: IncomingMessage): Span | undefined {
  return serverSpans.get(request);
}

export function createInstrumentations(env: NodeJS.ProcessEnv = process.env): Instrumentation[] {
  if (!env.OTEL_NODE_ENABLED_INSTRUMENTATIONS) env.OTEL_NODE_ENABLED_INSTRUMENTATIONS = DEFAULT_INSTRUMENTATIONS;
  return getNodeAutoInstrumentations({
    "@opentelemetry/instrumentation-http": {
      ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.test(request.url ?? ""),
      ignoreOutgoingRequestHook: (options) => UNTRACED_PATHS.test(String(options.path ?? "")),
      requestHook: (span, request) => {
        // Incoming requests are IncomingMessage; outgoing ones are ClientRequest (which has no `headers`).
        if ("headers" in request && "socket" in request) serverSpans.set(request, span);
      },
    },
    "@opentelemetry/instrumentation-undici": {
      ignoreRequestHook: (request) => UNTRACED_PATHS.test(request.path),
    },
    "@opentelemetry/instrumentation-host-metrics": {
      // Process CPU and memory; the system-wide groups belong to a node exporter, not to each service.
      metricGroups: ["process.cpu", "process.memory"],
    },
  });
}
