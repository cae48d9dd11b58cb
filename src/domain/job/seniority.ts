// Seniority from the words a posting uses, or from the years it asks for.
import { foldAccents } from "../text/normalise.ts";
import type { Scored, Seniority } from "../types.ts";

// Checked in order: "Lead Senior Developer" is a lead, "Senior Intern" does not exist.
const SENIORITY_WORDS: ReadonlyArray<readonly [RegExp, Seniority]> = [
  [/\b(?:intern|internship|stagiaire|(?<!early[- ]|late[- ])stage|alternance|alternant|apprenti|apprentice|apprentissage|working student)\b/, "intern"],
  [/\b(?:lead|principal|staff|head of|tech lead|team lead|chief|architect|architecte|manager)\b/, "lead"],
  [/\b(?:senior|sr\.?|experimente(?:e|s|es)?|expert)\b/, "senior"],
  [/\b(?:junior|jr\.?|debutant|jeune diplome|graduate|entry[- ]level|new grad)\b/, "junior"],
  // "Confirmé" is the French market's middle step: junior, confirmé, senior.
  [/\b(?:mid|mid-level|medior|intermediate|confirme(?:e|s|es)?|regular)\b/, "mid"],
];

function seniorityFromWords(text: string): Seniority | null {
  const folded = foldAccents(text).toLowerCase();
  return SENIORITY_WORDS.find(([pattern]) => pattern.test(folded))?.[1] ?? null;
}

/** The usual bands: under 2 years junior, under 5 mid, under 8 senior, then lead. */
export function seniorityForYears(years: number): Seniority {
  if (years < 2) return "junior";
  if (years < 5) return "mid";
  return years < 8 ? "senior" : "lead";
}

/** The title says it best; then the body; then the years asked for. */
export function readSeniority(title: string | null, body: string, minYears: number | null): Scored<Seniority> {
  const fromTitle = title ? seniorityFromWords(title) : null;
  if (fromTitle) return { value: fromTitle, confidence: 0.9 };
  if (minYears !== null) return { value: seniorityForYears(minYears), confidence: 0.6 };
  const fromBody = seniorityFromWords(body);
  if (fromBody) return { value: fromBody, confidence: 0.5 };
  return { value: "unknown", confidence: 0 };
}
