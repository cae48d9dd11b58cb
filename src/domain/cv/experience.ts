// Which lines describe jobs, and how many years they add up to.
import { linesOf, type Section } from "../text/sections.ts";
import type { MonthIndex } from "../text/dates.ts";
import type { Role, Scored } from "../types.ts";
import { isEducationLine } from "./education.ts";
import type { CvSectionKind } from "./headings.ts";
import { extractRoles, totalYears } from "./roles.ts";

const STATED_YEARS = /(\d{1,2})\s*\+?\s*(?:years?|yrs|ans|années)\s+(?:of\s+|d['’]\s*)?(?:professional\s+|hands-on\s+)?(?:experience|expérience)/iu;

/**
 * The experience section when there is one; otherwise every line outside the sections that
 * hold other dates (education, certifications, projects), minus lines that read like schooling.
 */
function experienceLines(sections: Section<CvSectionKind>[]): { lines: string[]; sectioned: boolean } {
  const experience = linesOf(sections, "experience");
  if (experience.length > 0) return { lines: experience, sectioned: true };
  const others = linesOf(sections, "preamble", "summary", "skills", "contact");
  return { lines: others.map((line) => (isEducationLine(line) ? "" : line)), sectioned: false };
}

export function readExperience(sections: Section<CvSectionKind>[], text: string, nowIndex: MonthIndex): { roles: Scored<Role[]>; years: Scored<number> } {
  const { lines, sectioned } = experienceLines(sections);
  const roles = extractRoles(lines, nowIndex, { sectioned });
  if (roles.length > 0) {
    const confidence = sectioned ? 0.85 : 0.6;
    return { roles: { value: roles, confidence }, years: { value: totalYears(roles, nowIndex), confidence } };
  }
  // No dated roles: fall back on what the candidate says ("8 years of experience"), trusted less.
  const stated = STATED_YEARS.exec(text);
  return {
    roles: { value: [], confidence: 0.2 },
    years: stated ? { value: Number(stated[1]), confidence: 0.5 } : { value: 0, confidence: 0.1 },
  };
}
