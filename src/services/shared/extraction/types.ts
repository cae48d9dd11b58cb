// The model seam: whatever extracts structure from a document sits behind this interface.
import type { ParsedCv, ParsedJob } from "../../../domain/types.ts";

export interface Extractor {
  /** Names the model in metrics and spans: "rules-v1" or the LLM's model id. */
  readonly model: string;
  extractCv(text: string): Promise<ParsedCv>;
  extractJob(text: string): Promise<ParsedJob>;
}
