// The minimum years of experience a posting asks for: "5+ years", "at least 3 years",
// "3 ans d'expérience minimum", "3 à 5 ans d'expérience", "minimum five years".
import type { Scored } from "../types.ts";

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
};
const NUMBER = `(\\d{1,2}|${Object.keys(NUMBER_WORDS).join("|")})`;
const YEARS = "(?:years?|yrs?|ans?|années?)";
// The years must be about experience: a trailing "+", a lead-in ("at least", "minimum"),
// or experience words after them. "Founded 15 years ago" matches none of these.
const ASKS_FOR_YEARS = new RegExp(
  [
    `${NUMBER}\\s*\\+\\s*${YEARS}`,
    `(?:at least|minimum(?: of)?|min\\.?|au moins|plus de|over)\\s+${NUMBER}\\s*${YEARS}`,
    `${NUMBER}\\s*(?:-|–|to|à)\\s*\\d{1,2}\\s*${YEARS}`,
    `${NUMBER}\\s*${YEARS}\\s+(?:minimum|min\\b|of\\b|d['’]\\s*exp|d['’]\\s*ann|in\\b|with\\b|en\\b|dans\\b|sur\\b|of professional|experience|expérience)`,
  ].join("|"),
  "giu",
);

function toNumber(raw: string): number {
  return NUMBER_WORDS[raw.toLowerCase()] ?? Number(raw);
}

/** The largest minimum asked for: "5+ years backend, 2 years of Kubernetes" asks for 5. */
export function readMinYears(text: string): Scored<number | null> {
  const asked = [...text.matchAll(ASKS_FOR_YEARS)]
    .map((match) => toNumber(match.slice(1).find((group) => group !== undefined) ?? "0"))
    .filter((years) => years > 0 && years <= 20);
  if (asked.length === 0) return { value: null, confidence: 0.3 };
  return { value: Math.max(...asked), confidence: 0.85 };
}
