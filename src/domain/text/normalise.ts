// Small text helpers shared by the CV and job parsers.
import type { CvLanguage } from "../types.ts";

/** "Expérience" → "experience": for comparing headings and keywords, never for output. */
export function foldAccents(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "");
}

/**
 * Trimmed lines; Windows line ends tolerated. Tabs and wide gaps inside a line separate columns
 * ("Developer<TAB>Acme<TAB>2019 - 2022"), so they become " | "; other runs of spaces collapse.
 */
export function splitLines(text: string): string[] {
  return text.split(/\r?\n/).map((line) =>
    line
      .trim()
      .replace(/\s*(?:\t|\u00a0{2,}| {3,})\s*/g, " | ")
      .replace(/[\u00a0 ]+/g, " "),
  );
}

/** Bullets and decorations a line may open with: "- ", "• ", "* ", "> ", "▪ ". */
export function stripBullet(line: string): string {
  return line.replace(/^[-*•·▪►>–—+]\s*/u, "").trim();
}

const FRENCH_WORDS =
  /\b(?:le|la|les|des|du|et|en|une|pour|avec|dans|sur|nous|vous|chez|depuis|ans|expérience|compétences|formation|poste|aujourd'hui|au|aux|est|sont|développement)\b/giu;
const ENGLISH_WORDS = /\b(?:the|and|of|to|in|with|for|at|on|is|are|we|you|our|years|experience|skills|education|team|present|from|as|role|development)\b/giu;

/** "fr" when French function words outnumber English ones; accents tip a close call. */
export function detectLanguage(text: string): CvLanguage {
  const french = text.match(FRENCH_WORDS)?.length ?? 0;
  const english = text.match(ENGLISH_WORDS)?.length ?? 0;
  const accents = text.match(/[éèêàçùôîû]/giu)?.length ?? 0;
  return french + accents / 10 > english ? "fr" : "en";
}
