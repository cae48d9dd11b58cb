// Picks the extractor from the environment and wraps every call in one span and the app.operation.* metrics,
// honouring the modelLatencyMs fault flag.
import { setTimeout as sleep } from "node:timers/promises";
import { SpanStatusCode, trace } from "@opentelemetry/api";
import { recordOperation } from "../../../telemetry/index.ts";
import { HttpError } from "../error-codes.ts";
import type { Flags } from "../flags.ts";
import { createLocalExtractor } from "./local.ts";
import { createOpenAiExtractor, readOpenAiSettings } from "./openai.ts";
import type { Extractor } from "./types.ts";

export type { Extractor } from "./types.ts";

const tracer = trace.getTracer("otel-gateway.extraction");

export function createExtractor(feature: string, env = process.env): Extractor {
  const settings = readOpenAiSettings(env);
  return settings ? createOpenAiExtractor(settings, feature) : createLocalExtractor();
}

/** Runs one extraction as a span `extract <kind>` with duration, outcome and error metrics. */
export async function extract<T>(kind: "cv" | "job", extractor: Extractor, flags: Flags, run: () => Promise<T>): Promise<T> {
  const operation = `extract_${kind}`;
  return tracer.startActiveSpan(`extract ${kind}`, async (span) => {
    span.setAttributes({ "app.operation": operation, "app.model": extractor.model });
    const started = performance.now();
    try {
      const latencyMs = await flags.number("modelLatencyMs");
      if (latencyMs > 0) await sleep(latencyMs);
      const result = await run();
      recordOperation(operation, extractor.model, (performance.now() - started) / 1000, "success");
      return result;
    } catch (error) {
      const errorType = error instanceof HttpError ? error.code : error instanceof Error ? error.name : "unknown";
      recordOperation(operation, extractor.model, (performance.now() - started) / 1000, "error", errorType);
      span.recordException(error instanceof Error ? error : new Error(String(error)));
      span.setStatus({ code: SpanStatusCode.ERROR });
      span.setAttribute("error.type", errorType);
      throw error;
    } finally {
      span.end();
    }
  });
}
