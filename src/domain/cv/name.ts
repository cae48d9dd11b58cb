// The candidate's name, guessed from the top of the document. Personal data: never logged.
import { stripBullet } from "../text/normalise.ts";
import type { Scored } from "../types.ts";

const LABELLED = /^(?:name|full name|nom(?: complet)?|nom et prénom|prénom et nom)\s*[:：]\s*(.+)$/iu;
// Two to four words, each capitalised or in capitals: "Jane Doe", "DUPONT Marie", "Anne-Sophie Le Gall".
const NAME_WORD = "(?:\\p{Lu}[\\p{L}'’-]*|(?:de|du|le|la|van|von|da|di|del|des|el)\\b)";
const NAME_LINE = new RegExp(`^${NAME_WORD}(?:\\s+${NAME_WORD}){1,3}$`, "u");
const NOT_A_NAME =
  /^(?:curriculum vitae|resume|résumé|cv|profile|profil)$|@|\d|\b(?:engineer|developer|développeu|ingénieur|manager|consultant|analyst|scientist|designer|lead|senior|junior|stack|data|devops|full|tech)/iu;

/** "# Jane Doe", "Dr. Jane Doe", "JANE DOE -- Consultant", "Léa Fontaine — Data Engineer" → the name. */
function firstColumn(line: string): string {
  return stripBullet(line.replace(/^#+\s*|\*\*|__/g, ""))
    .replace(/^(?:dr|mr|mrs|ms|mme|mlle|prof)\.?\s+/i, "")
    .split(/\s(?:[|–—]|-{1,2})\s|,/)[0]!
    .trim();
}

function looksLikeName(line: string): boolean {
  return NAME_LINE.test(line) && !NOT_A_NAME.test(line);
}

/** A "Name:" label wins; then the first line that looks like a name, trusted less the further down it is. */
export function extractName(lines: string[]): Scored<string | null> {
  const top = lines.filter((line) => line.length > 0).slice(0, 6);
  for (const line of top) {
    const labelled = LABELLED.exec(line);
    if (labelled) return { value: labelled[1]!.trim(), confidence: 0.95 };
  }
  const index = top.findIndex((line) => looksLikeName(firstColumn(line)));
  if (index === -1) return { value: null, confidence: 0 };
  const value = firstColumn(top[index]!);
  return { value, confidence: index === 0 ? 0.9 : 0.6 };
}
