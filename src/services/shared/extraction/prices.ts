// USD per million tokens, for the cost counter. LLM_PRICE_INPUT_PER_MTOK / LLM_PRICE_OUTPUT_PER_MTOK
// override the table (for a model it does not know, or negotiated prices).
import { envNumber } from "../../../config/index.ts";

export interface Price {
  inputPerMTok: number;
  outputPerMTok: number;
}

const PRICES: Record<string, Price> = {
  "gpt-4o": { inputPerMTok: 2.5, outputPerMTok: 10 },
  "gpt-4o-mini": { inputPerMTok: 0.15, outputPerMTok: 0.6 },
  "gpt-4.1": { inputPerMTok: 2, outputPerMTok: 8 },
  "gpt-4.1-mini": { inputPerMTok: 0.4, outputPerMTok: 1.6 },
  "gpt-4.1-nano": { inputPerMTok: 0.1, outputPerMTok: 0.4 },
};

export function priceOf(model: string): Price {
  const known = PRICES[model] ?? { inputPerMTok: 0, outputPerMTok: 0 };
  return {
    inputPerMTok: envNumber("LLM_PRICE_INPUT_PER_MTOK", known.inputPerMTok, { min: 0 }),
    outputPerMTok: envNumber("LLM_PRICE_OUTPUT_PER_MTOK", known.outputPerMTok, { min: 0 }),
  };
}

export function costOf(model: string, inputTokens: number, outputTokens: number): number {
  const price = priceOf(model);
  return (inputTokens * price.inputPerMTok + outputTokens * price.outputPerMTok) / 1_000_000;
}
