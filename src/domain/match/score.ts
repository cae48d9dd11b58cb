// scoreMatch and rankCvs: how well a parsed CV fits a parsed job.
import type { MatchBreakdown, MatchResult, ParsedCv, ParsedJob } from "../types.ts";
import { explainMatch } from "./explain.ts";
import { experienceFit, languageFit, seniorityFit, skillCoverage } from "./parts.ts";
import { GATED_BY_REQUIRED_SKILLS, MATCH_WEIGHTS } from "./weights.ts";

type Part = keyof MatchBreakdown;

export function scoreMatch(cv: ParsedCv, job: ParsedJob): MatchResult {
  const cvSkills = new Set(cv.skills.value);
  const required = job.requiredSkills.value;
  const niceToHave = job.niceToHaveSkills.value;
  const parts: Record<Part, number | null> = {
    requiredSkills: skillCoverage(cvSkills, required),
    niceToHaveSkills: skillCoverage(cvSkills, niceToHave),
    experience: experienceFit(cv, job),
    languages: languageFit(cv, job),
    seniority: seniorityFit(cv, job),
  };
  const applicable = (Object.keys(parts) as Part[]).filter((part) => parts[part] !== null);
  const totalWeight = applicable.reduce((sum, part) => sum + MATCH_WEIGHTS[part], 0);
  const coverage = (parts.requiredSkills ?? 100) / 100;
  const gate = (part: Part) => (GATED_BY_REQUIRED_SKILLS.includes(part) ? coverage : 1);
  const weighted = applicable.reduce((sum, part) => sum + MATCH_WEIGHTS[part] * parts[part]! * gate(part), 0);
  const score = totalWeight === 0 ? 0 : Math.round(weighted / totalWeight);
  // Parts the job is silent on show as 100 in the breakdown: nothing was asked, nothing is missing.
  const shown = (part: Part) => Math.round(parts[part] ?? 100);
  const breakdown: MatchBreakdown = {
    requiredSkills: shown("requiredSkills"),
    niceToHaveSkills: shown("niceToHaveSkills"),
    experience: shown("experience"),
    languages: shown("languages"),
    seniority: shown("seniority"),
  };
  const matchedSkills = [...required, ...niceToHave].filter((skill) => cvSkills.has(skill));
  const missingSkills = required.filter((skill) => !cvSkills.has(skill));
  return {
    score: Math.min(100, Math.max(0, score)),
    matchedSkills,
    missingSkills,
    breakdown,
    explanation: explainMatch({ score, cv, job, matched: required.length - missingSkills.length, missingSkills }),
  };
}

/** CVs best first; equal scores keep their input order. */
export function rankCvs(job: ParsedJob, cvs: ParsedCv[]): Array<{ index: number; result: MatchResult }> {
  return cvs.map((cv, index) => ({ index, result: scoreMatch(cv, job) })).sort((a, b) => b.result.score - a.result.score || a.index - b.index);
}
