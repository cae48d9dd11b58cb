// A one- or two-sentence summary of a match. It names skills and numbers only: never the
// candidate's name or contacts, so it can be logged and shown anywhere.
import type { ParsedCv, ParsedJob } from "../types.ts";

export interface ExplainInput {
  score: number;
  cv: ParsedCv;
  job: ParsedJob;
  matched: number;
  missingSkills: string[];
}

function verdict(score: number): string {
  if (score >= 75) return "Strong fit";
  return score >= 50 ? "Partial fit" : "Weak fit";
}

function listSkills(skills: string[]): string {
  const shown = skills.slice(0, 3).join(", ");
  return skills.length > 3 ? `${shown} and ${skills.length - 3} more` : shown;
}

function skillsSentence({ score, job, matched, missingSkills }: ExplainInput): string {
  const required = job.requiredSkills.value.length;
  if (required === 0) return `${verdict(score)}: the job lists no required skills.`;
  const missing = missingSkills.length > 0 ? ` (missing ${listSkills(missingSkills)})` : "";
  return `${verdict(score)}: covers ${matched} of ${required} required skills${missing}.`;
}

function experienceSentence({ cv, job }: ExplainInput): string {
  const years = cv.yearsOfExperience.value;
  const have = `${Number.isInteger(years) ? years : years.toFixed(1)} years of experience`;
  const wanted = job.minYears.value;
  if (wanted === null) return `Has about ${have}.`;
  return `Has about ${have} against ${wanted}+ asked.`;
}

export function explainMatch(input: ExplainInput): string {
  return `${skillsSentence(input)} ${experienceSentence(input)}`;
}
