// Each part of a match, scored 0..100, or null when the job does not ask about it.
import { seniorityForYears } from "../job/seniority.ts";
import { levelRank } from "../text/spoken-languages.ts";
import type { ParsedCv, ParsedJob, Seniority, SpokenLanguage } from "../types.ts";
import { SHORTFALL_CREDIT } from "./weights.ts";

const SENIORITY_ORDER: readonly Seniority[] = ["intern", "junior", "mid", "senior", "lead"];
/** Years a job of each seniority implies when it names no minimum. */
const YEARS_FOR_SENIORITY: Readonly<Record<Seniority, number | null>> = {
  intern: 0,
  junior: 0,
  mid: 2,
  senior: 5,
  lead: 8,
  unknown: null,
};

function creditFor(shortfall: number): number {
  return SHORTFALL_CREDIT[Math.min(Math.max(shortfall, 0), SHORTFALL_CREDIT.length - 1)]!;
}

export function skillCoverage(cvSkills: ReadonlySet<string>, wanted: string[]): number | null {
  if (wanted.length === 0) return null;
  return (100 * wanted.filter((skill) => cvSkills.has(skill)).length) / wanted.length;
}

/** Full marks at or above the minimum; in proportion below it. Experience beyond is not penalised. */
export function experienceFit(cv: ParsedCv, job: ParsedJob): number | null {
  const wanted = job.minYears.value ?? YEARS_FOR_SENIORITY[job.seniority.value];
  if (wanted === null) return null;
  if (wanted === 0) return 100;
  return Math.min(100, (100 * cv.yearsOfExperience.value) / wanted);
}

/** A CV written in a language is taken as fluent (C1) in it, even if it does not list it. */
function candidateLanguages(cv: ParsedCv): SpokenLanguage[] {
  const written = cv.language === "fr" ? "French" : "English";
  const listed = cv.languages.value;
  return listed.some((spoken) => spoken.language === written) ? listed : [...listed, { language: written, level: "C1" }];
}

export function languageFit(cv: ParsedCv, job: ParsedJob): number | null {
  const wanted = job.languages.value;
  if (wanted.length === 0) return null;
  const spoken = candidateLanguages(cv);
  const credits = wanted.map((need) => {
    const have = spoken.find((candidate) => candidate.language === need.language);
    if (!have) return 0;
    // Steps on the CEFR scale; "native" counts as one above C2.
    return creditFor(levelRank(need.level) - levelRank(have.level));
  });
  return (100 * credits.reduce((sum, credit) => sum + credit, 0)) / credits.length;
}

/** The candidate's seniority is read from their years; one band off keeps part of the credit. */
export function seniorityFit(cv: ParsedCv, job: ParsedJob): number | null {
  const wanted = job.seniority.value;
  if (wanted === "unknown") return null;
  const have = seniorityForYears(cv.yearsOfExperience.value);
  const distance = Math.abs(SENIORITY_ORDER.indexOf(wanted) - SENIORITY_ORDER.indexOf(have));
  return 100 * creditFor(distance);
}
