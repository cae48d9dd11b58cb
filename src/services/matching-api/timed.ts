// Scoring runs in matching-api as app.operation.* metrics, failures included: a scoring error
// that left no metric would hide from the error-ratio alert.
import { recordOperation } from "../../telemetry/index.ts";
import { HttpError } from "../shared/error-codes.ts";

export const SCORING_MODEL = "weighted-v1";

/** Times one scoring run; a failure is recorded too (outcome error, its error.type), then rethrown. */
export function timed<T>(operation: string, run: () => T): T {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  try {
    const result = run();
    recordOperation(operation, SCORING_MODEL, seconds(), "success");
    return result;
  } catch (error) {
    const errorType = error instanceof HttpError ? error.code : error instanceof Error ? error.name : "unknown";
    recordOperation(operation, SCORING_MODEL, seconds(), "error", errorType);
    throw error;
  }
}
