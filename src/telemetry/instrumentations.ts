// The instrumentations the services really use, as an allow-list, each package imported on its own:
// @opentelemetry/auto-instrumentations-node would load all ~40 of them (about 0.4 s and 40 MiB at
// startup). OTEL_NODE_ENABLED_INSTRUMENTATIONS (the standard variable) replaces the list and
// OTEL_NODE_DISABLED_INSTRUMENTATIONS trims it; a name outside our six is still honoured, through
// auto-instrumentations-node, loaded only then. fs, dns and net stay off by default: noise here.
import type { IncomingMessage } from "node:http";
import type { Span } from "@opentelemetry/api";
import type { Instrumentation } from "@opentelemetry/instrumentation";

/**
 * Express is not among them: its instrumentation wraps every layer of every request (about 0.06 ms of CPU
 * a request) to make a handler span that repeats the server span; the request-context middleware names
 * the server span and its metric by route instead (src/http/http.ts). OTEL_NODE_ENABLED_INSTRUMENTATIONS=…,express brings it back.
 */
export const DEFAULT_INSTRUMENTATIONS = "http,undici,openai,runtime-node,host-metrics";

/** Probes and scrapes are not requests anyone wants a trace of. */
const UNTRACED_PATHS = /^\/(health|ready|metrics)(\/|\?|$)/;

/** The server span of each incoming request, so the request-context middleware can decorate it. */
const serverSpans = new WeakMap<IncomingMessage, Span>();

export function serverSpanOf(request: IncomingMessage): Span | undefined {
  return serverSpans.get(request);
}

const OURS: Record<string, () => Promise<Instrumentation>> = {
  http: async () => {
    const { HttpInstrumentation } = await import("@opentelemetry/instrumentation-http");
    return new HttpInstrumentation({
      ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.test(request.url ?? ""),
      ignoreOutgoingRequestHook: (options) => UNTRACED_PATHS.test(String(options.path ?? "")),
      requestHook: (span, request) => {
        // Incoming requests are IncomingMessage; outgoing ones are ClientRequest (which has no `headers`).
        if ("headers" in request && "socket" in request) serverSpans.set(request, span);
      },
    });
  },
  express: async () => {
    const { ExpressInstrumentation, ExpressLayerType } = await import("@opentelemetry/instrumentation-express");
    // One span per request handler, not one per middleware and router too: the request-context and
    // body middlewares and the router layer tripled the spans (CPU and export) and said nothing the
    // server span and the handler span don't (the route is on both).
    return new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE, ExpressLayerType.ROUTER] });
  },
  undici: async () => {
    const { UndiciInstrumentation } = await import("@opentelemetry/instrumentation-undici");
    return new UndiciInstrumentation({ ignoreRequestHook: (request) => UNTRACED_PATHS.test(request.path) });
  },
  // gen_ai spans and metrics of the optional LLM extractor; message content stays out (its default,
  // and OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT must not be set: CVs are personal data).
  openai: async () => new (await import("@opentelemetry/instrumentation-openai")).OpenAIInstrumentation({ captureMessageContent: false }),
  "runtime-node": async () => new (await import("@opentelemetry/instrumentation-runtime-node")).RuntimeNodeInstrumentation(),
  // Process CPU and memory; the system-wide groups belong to a node exporter, not to each service.
  "host-metrics": async () =>
    new (await import("@opentelemetry/instrumentation-host-metrics")).HostMetricsInstrumentation({ metricGroups: ["process.cpu", "process.memory"] }),
};

const namesIn = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);

/** Anything else asked for by name comes from the meta-package, with ours switched off there. */
async function othersFromAutoInstrumentations(names: string[]): Promise<Instrumentation[]> {
  const { getNodeAutoInstrumentations } = await import("@opentelemetry/auto-instrumentations-node");
  const ourOwn = Object.fromEntries(Object.keys(OURS).map((name) => [`@opentelemetry/instrumentation-${name}`, { enabled: false }]));
  // The meta-package reads the variables from process.env, not from the env we were given: filter here.
  const wanted = new Set(names.map((name) => `@opentelemetry/instrumentation-${name}`));
  return getNodeAutoInstrumentations(ourOwn).filter((instrumentation) => wanted.has(instrumentation.instrumentationName));
}

export async function createInstrumentations(env: NodeJS.ProcessEnv = process.env): Promise<Instrumentation[]> {
  // Read, never written back: the env given may be process.env, which the app and children share.
  const disabled = new Set(namesIn(env.OTEL_NODE_DISABLED_INSTRUMENTATIONS));
  const enabled = namesIn(env.OTEL_NODE_ENABLED_INSTRUMENTATIONS || DEFAULT_INSTRUMENTATIONS).filter((name) => !disabled.has(name));
  const instrumentations = await Promise.all(enabled.filter((name) => name in OURS).map((name) => OURS[name]!()));
  const others = enabled.filter((name) => !(name in OURS));
  if (others.length) instrumentations.push(...(await othersFromAutoInstrumentations(others)));
  return instrumentations;
}
