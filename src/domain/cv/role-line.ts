// Reads "who and where" from the text around a date range:
// "Senior Backend Engineer — Acme Corp", "Acme, Paris | Développeur Full-Stack", "Data Engineer @ Foo",
// "worked at Globex as a QA analyst", "Développeur Java chez Société Exemple".
import { foldAccents, stripBullet } from "../text/normalise.ts";

export interface TitleAndCompany {
  title: string;
  company: string | null;
}

const TITLE_WORDS =
  /\b(?:engineer|developer|develop|developpeu|ingenieu|manager|lead|architect|analyst|analyste|scientist|consultant|consultante|intern|internship|stagiaire|stage|designer|administrat|tester|testeu|qa|sre|devops|technicien|chef|head|cto|vp|director|directeu|directrice|owner|master|freelance|alternan|apprenti|programmer|programmeu|specialist|specialiste|officer|responsable|expert|researcher|chercheu|fullstack|full[- ]stack|backend|frontend|back[- ]end|front[- ]end|mobile)/;
const AT_COMPANY = /^(.*?)\s+(?:at|chez|@|for|pour|with|avec)\s+(.+)$/iu;
const PROSE_CUE = /\b(?:as an?|en tant que|comme|je suis|i am an?|i'm an?|worked|travaill[eé])\b/iu;
const PROSE_ROLE =
  /\b(?:as an?|en tant que|comme|je suis|i am an?|i'm an?)\s+([^,.;()]+?)(?:\s+(?:at|chez|for|pour|in|à|a)\s+([\p{Lu}][^,.;()]*))?(?:[,.;()]|$)/u;
const PROSE_COMPANY = /\b(?:at|chez|for|pour|joined|rejoint)\s+(\p{Lu}[\p{L}\p{N}&'’.-]*(?:\s+\p{Lu}[\p{L}\p{N}&'’.-]*)*)/u;
// Columns ("Title — Company | Place"), then commas within them.
const COLUMNS = /\s+[|–—-]\s+|\s*[|•·]\s*|\s+@\s+/u;
const COMMAS = /,\s+/u;

/** Without bullets, markdown emphasis, edge punctuation or an unmatched bracket. */
function tidy(part: string): string {
  let text = stripBullet(part.replace(/\*\*|__/g, "")).replace(/^[\s:,;|–—-]+|[\s:,;|–—-]+$/g, "");
  if (text.startsWith("(") && !text.includes(")")) text = text.slice(1);
  if (text.endsWith(")") && !text.includes("(")) text = text.slice(0, -1);
  if (text.endsWith("(")) text = text.slice(0, -1);
  return text.trim();
}

export function isTitleLike(text: string): boolean {
  return TITLE_WORDS.test(foldAccents(text).toLowerCase());
}

/** Free prose: "I worked at Globex as a QA analyst from 2015 to 2018." The title may stay empty. */
function readProse(text: string): TitleAndCompany {
  const role = PROSE_ROLE.exec(text);
  const company = role?.[2] ?? PROSE_COMPANY.exec(text)?.[1] ?? null;
  return { title: role ? tidy(role[1]!) : "", company: company ? tidy(company) : null };
}

/** Splits what is left of a line once its dates are cut out; null when nothing useful is left. */
export function readTitleAndCompany(rest: string): TitleAndCompany | null {
  const text = tidy(rest);
  if (!/\p{L}{2,}/u.test(text)) return null;
  if (text.split(/\s+/).length > 12 || PROSE_CUE.test(text)) return readProse(text);
  const at = AT_COMPANY.exec(text);
  if (at && isTitleLike(at[1]!)) return { title: tidy(at[1]!), company: tidy(at[2]!.split(COMMAS)[0]!.split(COLUMNS)[0]!) };
  const parts = text
    .split(COLUMNS)
    .flatMap((column) => column.split(COMMAS))
    .map(tidy)
    .filter((part) => /\p{L}{2,}/u.test(part));
  const titleIndex = Math.max(0, parts.findIndex(isTitleLike));
  // The first other part is the company; a town usually comes after it ("Acme, Paris").
  return { title: parts[titleIndex] ?? text, company: parts.find((_, i) => i !== titleIndex) ?? null };
}
