// Spans to Sentry, the way Sentry (v11) documents it when OpenTelemetry owns tracing: our NodeSDK
// exports them over OTLP to the endpoint getOtlpTracesEndpoint() derives from the DSN, while Sentry's
// own tracing stays off (see startSentry). Off unless SENTRY_TRACES_SAMPLE_RATE is above 0: then
// that share of traces is sent, chosen by trace id so every service keeps or drops the same traces
// whole, and with nothing loaded or exported below that. The collector exports every span as before.
import { context, type Context } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { BatchSpanProcessor, SamplingDecision, TraceIdRatioBasedSampler, type ReadableSpan, type Span, type SpanProcessor } from "@opentelemetry/sdk-trace";
import { envNumber } from "../config/index.ts";

/** Hands on only the spans of the traces whose id falls in the share (the SDK's own trace-id ratio). */
export class TraceShareProcessor implements SpanProcessor {
  readonly #inner: SpanProcessor;
  readonly #sampler: TraceIdRatioBasedSampler;

  constructor(inner: SpanProcessor, share: number) {
    this.#inner = inner;
    this.#sampler = new TraceIdRatioBasedSampler(share);
  }

  #kept(traceId: string): boolean {
    return this.#sampler.shouldSample(context.active(), traceId).decision === SamplingDecision.RECORD_AND_SAMPLED;
  }

  onStart(span: Span, parentContext: Context): void {
    if (this.#kept(span.spanContext().traceId)) this.#inner.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    if (this.#kept(span.spanContext().traceId)) this.#inner.onEnd(span);
  }

  forceFlush(): Promise<void> {
    return this.#inner.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.#inner.shutdown();
  }
}

/** The span processors that send to Sentry: none unless SENTRY_TRACES_SAMPLE_RATE is above 0. */
export async function sentrySpanProcessors(dsn: string, env: NodeJS.ProcessEnv = process.env): Promise<SpanProcessor[]> {
  const share = envNumber("SENTRY_TRACES_SAMPLE_RATE", 0, { min: 0, max: 1 }, env);
  if (share === 0) return [];
  const { getOtlpTracesEndpoint } = await import("@sentry/node");
  const endpoint = getOtlpTracesEndpoint(dsn);
  if (!endpoint) {
    process.emitWarning("SENTRY_DSN is not a Sentry DSN: no spans are sent to Sentry", { code: "OTEL_GATEWAY_BAD_ENV" });
    return [];
  }
  return [new TraceShareProcessor(new BatchSpanProcessor({ exporter: new OTLPTraceExporter(endpoint) }), share)];
}
