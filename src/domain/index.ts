// The domain's public API: pure functions, no I/O.
export { normaliseSkill, extractSkills, listCanonicalSkills } from "./skills/taxonomy.ts";
export { parseCv } from "./cv/parse-cv.ts";
export type { ParseCvOptions } from "./cv/parse-cv.ts";
export { parseJob } from "./job/parse-job.ts";
export { scoreMatch, rankCvs } from "./match/score.ts";
export { MATCH_WEIGHTS } from "./match/weights.ts";
export type {
  Scored,
  CvLanguage,
  LanguageLevel,
  SpokenLanguage,
  Contacts,
  Role,
  Education,
  ParsedCv,
  Seniority,
  WorkMode,
  ParsedJob,
  MatchBreakdown,
  MatchResult,
} from "./types.ts";
