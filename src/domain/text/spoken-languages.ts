// Spoken languages and their levels: "English (fluent)", "Anglais : courant, TOEIC 950", "French — native".
import type { LanguageLevel, SpokenLanguage } from "../types.ts";
import { foldAccents } from "./normalise.ts";

const LANGUAGE_NAMES: ReadonlyArray<readonly [string, string]> = [
  ["English", "english|anglais"],
  ["French", "french|francais"],
  ["Spanish", "spanish|espagnol|castillan"],
  ["German", "german|allemand"],
  ["Italian", "italian|italien"],
  ["Portuguese", "portuguese|portugais"],
  ["Arabic", "arabic|arabe"],
  ["Chinese", "chinese|mandarin|chinois"],
  ["Japanese", "japanese|japonais"],
  ["Dutch", "dutch|neerlandais"],
  ["Russian", "russian|russe"],
  ["Polish", "polish|polonais"],
  ["Korean", "korean|coreen"],
  ["Turkish", "turkish|turc"],
  ["Romanian", "romanian|roumain"],
  ["Vietnamese", "vietnamese|vietnamien"],
  ["Hindi", "hindi"],
  ["Swedish", "swedish|suedois"],
];

// Matched against accent-folded lower-case text; most specific phrases first.
const LEVEL_WORDS: ReadonlyArray<readonly [RegExp, LanguageLevel]> = [
  [/\b(?:native|mother tongue|first language|langue maternelle|natif|native|maternelle|bilingu(?:al|e))\b/, "native"],
  [/\bfull professional\b/, "C1"],
  [/\bprofessional working\b|\bupper[- ]intermediate\b|\bbon niveau\b|\bprofessionnel\b|\bprofessional\b|\bgood\b|\bbonne? maitrise\b/, "B2"],
  [/\b(?:fluent|fluently|fluency|courant|couramment|advanced|avance|proficient|tres bon|excellent)\b/, "C1"],
  [/\b(?:intermediate|intermediaire|conversational|working knowledge)\b/, "B1"],
  [/\b(?:notions?|basic|basics|beginner|debutant|elementary|elementaire|scolaire|limited)\b/, "A2"],
];

const NAME_PATTERN = new RegExp(`\\b(?:${LANGUAGE_NAMES.map(([, forms]) => forms).join("|")})\\b`, "g");
const CEFR = /\b([abc][12])\b/;
const TOEIC = /\btoeic\D{0,12}(\d{3})\b/;

function englishName(form: string): string {
  return LANGUAGE_NAMES.find(([, forms]) => new RegExp(`^(?:${forms})$`).test(form))![0];
}

function levelFromToeic(score: number): LanguageLevel {
  if (score >= 945) return "C1";
  if (score >= 785) return "B2";
  return score >= 550 ? "B1" : "A2";
}

/** The level written first in the segment: "(courant), hébreu (bilingue)" is C1, not native. */
function readLevel(segment: string): LanguageLevel | null {
  let best: { at: number; level: LanguageLevel } | null = null;
  const consider = (at: number | undefined, level: LanguageLevel) => {
    if (at !== undefined && (best === null || at < best.at)) best = { at, level };
  };
  const cefr = CEFR.exec(segment);
  if (cefr) consider(cefr.index, cefr[1]!.toUpperCase() as LanguageLevel);
  const toeic = TOEIC.exec(segment);
  if (toeic) consider(toeic.index, levelFromToeic(Number(toeic[1])));
  for (const [pattern, level] of LEVEL_WORDS) consider(pattern.exec(segment)?.index, level);
  return (best as { level: LanguageLevel } | null)?.level ?? null;
}

const CHUNK_BREAK = /[,;|().]|\b(?:and|et|but|mais)\b/;

/**
 * Languages named in a line, each with its level: written right after it ("English (fluent)"),
 * right before it ("fluent English"), shared with a pair ("bilingue français/anglais"), or anywhere
 * after it. `fallback` is used when no level is written; null skips such mentions ("French market").
 */
export function readSpokenLanguages(line: string, fallback: LanguageLevel | null | ((language: string) => LanguageLevel)): SpokenLanguage[] {
  const folded = foldAccents(line).toLowerCase();
  const mentions = [...folded.matchAll(NAME_PATTERN)];
  const found: SpokenLanguage[] = [];
  let previousLevel: LanguageLevel | null = null;
  mentions.forEach((mention, i) => {
    const previousEnd = i === 0 ? 0 : mentions[i - 1]!.index + mentions[i - 1]![0].length;
    const prefix = folded.slice(previousEnd, mention.index);
    const suffix = folded.slice(mention.index + mention[0].length, mentions[i + 1]?.index ?? folded.length);
    const pairedWithPrevious = i > 0 && /^\s*(?:\/|-|&|and|et)\s*$/.test(prefix);
    const level =
      readLevel(suffix.replace(/^[\s:(–—-]+/, "").split(CHUNK_BREAK)[0] ?? "") ??
      readLevel(prefix.split(CHUNK_BREAK).pop() ?? "") ??
      (pairedWithPrevious ? previousLevel : null) ??
      readLevel(suffix) ??
      (typeof fallback === "function" ? fallback(englishName(mention[0])) : fallback);
    previousLevel = level;
    if (level) found.push({ language: englishName(mention[0]), level });
  });
  return found;
}

/** Keeps the highest level seen for each language. */
export function mergeLanguages(languages: SpokenLanguage[]): SpokenLanguage[] {
  const best = new Map<string, SpokenLanguage>();
  for (const spoken of languages) {
    const known = best.get(spoken.language);
    if (!known || levelRank(spoken.level) > levelRank(known.level)) best.set(spoken.language, spoken);
  }
  return [...best.values()];
}

const LEVEL_ORDER: readonly LanguageLevel[] = ["A1", "A2", "B1", "B2", "C1", "C2", "native"];

/** 0 for A1 up to 6 for native. */
export function levelRank(level: LanguageLevel): number {
  return LEVEL_ORDER.indexOf(level);
}
