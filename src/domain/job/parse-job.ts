// parseJob: a job posting's plain text, English or French, into structured requirements.
import { detectLanguage, splitLines, stripBullet } from "../text/normalise.ts";
import { linesOf, sectionSplitter } from "../text/sections.ts";
import { mergeLanguages, readSpokenLanguages } from "../text/spoken-languages.ts";
import type { ParsedJob, Scored, SpokenLanguage } from "../types.ts";
import { JOB_HEADINGS } from "./headings.ts";
import { readMinYears } from "./min-years.ts";
import { readLocation, readWorkMode } from "./place.ts";
import { readSeniority } from "./seniority.ts";
import { readJobSkills, saysOptional } from "./skills.ts";

const splitJob = sectionSplitter(JOB_HEADINGS);

const LABELLED_TITLE = /^(?:job title|title|position|role|poste|intitulé(?: du poste)?|titre(?: du poste)?)\s*[:：]\s*(.+)$/iu;
// "(H/F)", "F/H", "(M/F/D)", "- CDI": hiring boilerplate, not part of the title.
const TITLE_NOISE = /\s*[([]?\b(?:[HFMWD]\s*\/\s*[HFMWD](?:\s*\/\s*[HFMWD])?)\b[)\]]?|\s*[-–—|(]\s*(?:CDI|CDD|full[- ]time|temps plein)\)?\s*$/giu;

function readTitle(lines: string[]): Scored<string | null> {
  for (const line of lines.slice(0, 8)) {
    const labelled = LABELLED_TITLE.exec(line);
    if (labelled) return { value: labelled[1]!.replace(TITLE_NOISE, "").trim(), confidence: 0.9 };
  }
  const first = lines.find((line) => line.length > 0);
  return first ? { value: stripBullet(first).replace(TITLE_NOISE, "").trim(), confidence: 0.7 } : { value: null, confidence: 0 };
}

/**
 * The languages section states a need even without a level; elsewhere a level must be written.
 * Sentences that make a language optional ("French would be a plus") are left out.
 */
function readJobLanguages(sections: ReturnType<typeof splitJob>): Scored<SpokenLanguage[]> {
  const demanding = new Set(["languages", "required"]);
  const found = sections.flatMap((section) =>
    section.lines
      .flatMap((line) => line.split(/(?<=\.)\s+/))
      .filter((sentence) => !saysOptional(sentence))
      .flatMap((sentence) => readSpokenLanguages(sentence, demanding.has(section.kind) ? "B2" : null)),
  );
  return { value: mergeLanguages(found), confidence: found.length > 0 ? 0.8 : 0.3 };
}

export function parseJob(text: string): ParsedJob {
  const lines = splitLines(text);
  const sections = splitJob(lines);
  const title = readTitle(lines);
  const minYears = readMinYears(text);
  const skills = readJobSkills(sections, title.value);
  const locationLines = linesOf(sections, "location");
  return {
    language: detectLanguage(text),
    title,
    seniority: readSeniority(title.value, text, minYears.value),
    requiredSkills: skills.required,
    niceToHaveSkills: skills.niceToHave,
    minYears,
    languages: readJobLanguages(sections),
    location: locationLines.length > 0 ? { value: locationLines.find(Boolean) ?? null, confidence: 0.9 } : readLocation(text),
    workMode: readWorkMode(text),
  };
}
