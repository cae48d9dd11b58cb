// parseCv: a CV's plain text, English or French, into structured fields with confidences.
import { extractSkills } from "../skills/taxonomy.ts";
import { monthIndexOf } from "../text/dates.ts";
import { detectLanguage, splitLines } from "../text/normalise.ts";
import { linesOf, sectionSplitter } from "../text/sections.ts";
import { mergeLanguages, readSpokenLanguages } from "../text/spoken-languages.ts";
import type { CvLanguage, Education, LanguageLevel, ParsedCv, Scored, SpokenLanguage } from "../types.ts";
import { contactsConfidence, extractContacts } from "./contacts.ts";
import { extractEducation, isEducationLine } from "./education.ts";
import { readExperience } from "./experience.ts";
import { CV_HEADING_KEYWORDS, CV_HEADINGS } from "./headings.ts";
import { extractName } from "./name.ts";

export interface ParseCvOptions {
  /** "Present" means this date; defaults to the current date. Pass it for reproducible results. */
  now?: Date;
}

const splitCv = sectionSplitter(CV_HEADINGS, CV_HEADING_KEYWORDS);

type Sections = ReturnType<typeof splitCv>;

function readEducation(sections: Sections, lines: string[]): Scored<Education[]> {
  const section = linesOf(sections, "education");
  if (section.length > 0) return { value: extractEducation(section), confidence: 0.85 };
  const found = extractEducation(linesOf(sections, "preamble", "summary").filter(isEducationLine));
  return { value: found, confidence: found.length > 0 ? 0.5 : lines.length > 0 ? 0.2 : 0 };
}

/** A language listed without a level is the mother tongue when the CV is written in it. */
function levelWhenUnstated(documentLanguage: CvLanguage): (language: string) => LanguageLevel {
  const documentName = documentLanguage === "fr" ? "French" : "English";
  return (language) => (language === documentName ? "native" : "B1");
}

function readLanguages(sections: Sections, language: CvLanguage): Scored<SpokenLanguage[]> {
  const section = linesOf(sections, "languages");
  const listed = section.flatMap((line) => readSpokenLanguages(line, levelWhenUnstated(language)));
  if (listed.length > 0) return { value: mergeLanguages(listed), confidence: 0.85 };
  // In prose a language counts only with a level next to it: "French market" is not French.
  const others = sections.filter((s) => s.kind !== "languages").flatMap((s) => s.lines);
  const mentioned = others.flatMap((line) => readSpokenLanguages(line, null));
  return { value: mergeLanguages(mentioned), confidence: mentioned.length > 0 ? 0.6 : 0.2 };
}

function readSkills(text: string, sections: Sections): Scored<string[]> {
  const skills = extractSkills(text);
  const hasSkillsSection = linesOf(sections, "skills").length > 0;
  return { value: skills, confidence: skills.length === 0 ? 0.1 : hasSkillsSection ? 0.9 : 0.75 };
}

export function parseCv(text: string, { now = new Date() }: ParseCvOptions = {}): ParsedCv {
  const lines = splitLines(text);
  const sections = splitCv(lines);
  const language = detectLanguage(text);
  const contacts = extractContacts(text);
  const { roles, years } = readExperience(sections, text, monthIndexOf(now));
  return {
    language,
    name: extractName(lines),
    contacts: { value: contacts, confidence: contactsConfidence(contacts) },
    skills: readSkills(text, sections),
    roles,
    yearsOfExperience: years,
    education: readEducation(sections, lines),
    languages: readLanguages(sections, language),
  };
}
