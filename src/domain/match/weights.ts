// How much each part of a match counts. Required skills dominate: a candidate without them is
// rarely worth an interview, whatever else they bring. Parts the job says nothing about (no
// nice-to-haves, no languages, unknown seniority) drop out and the rest are scaled back to 100.
import type { MatchBreakdown } from "../types.ts";

/**
 * Experience, languages and seniority only count as far as the required skills are there:
 * seven years in another trade are not seven relevant years. These parts are multiplied by the
 * share of required skills covered (when the job lists any) before weighting.
 */
export const GATED_BY_REQUIRED_SKILLS: ReadonlyArray<keyof MatchBreakdown> = ["experience", "languages", "seniority"];

export const MATCH_WEIGHTS: Readonly<MatchBreakdown> = {
  requiredSkills: 0.5,
  experience: 0.2,
  niceToHaveSkills: 0.1,
  languages: 0.1,
  seniority: 0.1,
};

/** Full credit at the required level; partial credit one or two steps below. */
export const SHORTFALL_CREDIT: readonly number[] = [1, 0.6, 0.3, 0];
