// The services' own instruments, all under app.* (the prefix of our attributes too: one namespace
// for everything domain-specific, where ml.* misnamed rule-based extraction and scoring); where
// a semantic convention exists its name is used (gen_ai.client.* come from instrumentation-openai).
// Each has a unit. Histogram buckets come as
// instrument advice so they are right for every reader.
import { metrics, type Attributes } from "@opentelemetry/api";

const SECONDS_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const SCORE_BUCKETS = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
const COUNT_BUCKETS = [0, 1, 2, 5, 10, 20, 50, 100];
const BYTES_BUCKETS = [256, 1024, 4096, 16384, 65536, 262144, 1048576];

export type Outcome = "success" | "client_error" | "error";

export function createInstruments(meterName = "otel-gateway") {
  const meter = metrics.getMeter(meterName);
  return {
    processingDuration: meter.createHistogram("app.operation.duration", {
      description: "Time spent extracting or scoring, by operation and model.",
      unit: "s",
      advice: { explicitBucketBoundaries: SECONDS_BUCKETS },
    }),
    requests: meter.createCounter("app.operations", {
      description: "Extraction and scoring operations, by operation and outcome.",
      unit: "{operation}",
    }),
    errors: meter.createCounter("app.operation.errors", {
      description: "Failed extraction and scoring operations, by error.type.",
      unit: "{error}",
    }),
    cost: meter.createCounter("app.llm.cost", {
      description: "Money spent on LLM calls, from the price table, by model and feature.",
      unit: "USD",
    }),
    documentsParsed: meter.createCounter("app.documents.parsed", {
      description: "Documents parsed, by kind (cv, job) and detected language.",
      unit: "{document}",
    }),
    documentSize: meter.createHistogram("app.document.size", {
      description: "Size of parsed documents.",
      unit: "By",
      advice: { explicitBucketBoundaries: BYTES_BUCKETS },
    }),
    documentSkills: meter.createHistogram("app.document.skills", {
      description: "Canonical skills found per parsed document.",
      unit: "{skill}",
      advice: { explicitBucketBoundaries: COUNT_BUCKETS },
    }),
    matchScore: meter.createHistogram("app.match.score", {
      description: "Distribution of match scores, 0 to 100.",
      // "1" would say a ratio from 0 to 1; the score runs from 0 to 100.
      unit: "%",
      advice: { explicitBucketBoundaries: SCORE_BUCKETS },
    }),
  };
}

export type Instruments = ReturnType<typeof createInstruments>;

let shared: Instruments | undefined;

/** Created lazily, after the SDK registered its MeterProvider. */
export function instruments(): Instruments {
  shared ??= createInstruments();
  return shared;
}

/** Records one timed ML operation: duration, request count and, on failure, the error. */
export function recordOperation(operation: string, model: string, seconds: number, outcome: Outcome, errorType?: string): void {
  const attributes: Attributes = { "app.operation": operation, "app.model": model };
  const meter = instruments();
  meter.processingDuration.record(seconds, attributes);
  meter.requests.add(1, { "app.operation": operation, "app.outcome": outcome });
  if (errorType) meter.errors.add(1, { "error.type": errorType, "app.operation": operation });
}
