// The default extractor: deterministic rules from src/domain, no network, no cost.
import { parseCv, parseJob } from "../../../domain/index.ts";
import type { Extractor } from "./types.ts";

export function createLocalExtractor(): Extractor {
  return {
    model: "rules-v1",
    extractCv: async (text) => parseCv(text),
    extractJob: async (text) => parseJob(text),
  };
}
