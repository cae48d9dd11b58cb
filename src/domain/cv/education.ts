// Degrees, schools and years: "MSc Computer Science, University of Exampleton, 2016",
// "2014 – 2017 : Diplôme d'ingénieur, École Exemple".
import { foldAccents, stripBullet } from "../text/normalise.ts";
import type { Education } from "../types.ts";

const DEGREE =
  /\b(?:b\.?sc|m\.?sc|bachelor|master(?!\s*(?:class|data))|mba|ph\.?d|doctorat|doctorate|licence|diplome|degree|bts|dut|deug|bac(?:calaureat)?(?:\s*\+\s*\d)?|(?:diplome|cycle|titre|ecole) d['’]ingenieurs?|ingenieur diplome|engineering degree|mastere|a-levels?|certificat|m[12]|l3|hnd|b\.?eng|m\.?eng)\b/;
const SCHOOL =
  /\b(?:university|universite|univ\.?|ecole|school|college|institute|institut|insa|iut|polytech\w*|lycee|academy|academie|centrale|supelec|epita|epitech|enseeiht|ensimag|telecom|hec|essec|sorbonne|campus|faculte|faculty)\b/;
const YEAR = /\b(19[6-9]\d|20\d\d)\b/g;
const SPLIT = /\s+[|–—-]\s+|\s*[|–—•·]\s*|,\s+|\s+(?:at|à|a l['’]|from)\s+/u;

// "worked at Institut Exemple as an analyst" names a school-like employer, not a degree.
const WORK_CUE = /\b(?:worked|working|work|joined|employed|travaille|rejoint|comme|en tant que|as an?|chez)\b/;

/** Education words, for telling a school line from a job line in a CV without headings. */
export function isEducationLine(line: string): boolean {
  const folded = foldAccents(line).toLowerCase();
  if (DEGREE.test(folded) && !/scrum master/.test(folded)) return true;
  return SCHOOL.test(folded) && !WORK_CUE.test(folded);
}

function readEducationLine(line: string): Education | null {
  const text = stripBullet(line);
  const years = [...text.matchAll(YEAR)].map((match) => Number(match[1]));
  const parts = text
    .replace(YEAR, " ")
    .replace(/\(\s*\)/g, " ")
    .split(SPLIT)
    .map((part) => part.replace(/^[\s:,;–—-]+|[\s:,;–—-]+$/g, "").trim())
    .filter((part) => /\p{L}{2,}/u.test(part));
  const folded = parts.map((part) => foldAccents(part).toLowerCase());
  const degreeAt = folded.findIndex((part) => DEGREE.test(part));
  const schoolAt = folded.findIndex((part, i) => i !== degreeAt && SCHOOL.test(part));
  if (degreeAt === -1 && schoolAt === -1) return null;
  const degree = degreeAt === -1 ? null : parts[degreeAt]!;
  return {
    degree: degree ?? parts.find((_, i) => i !== schoolAt) ?? parts[schoolAt]!,
    institution: schoolAt === -1 ? (parts.find((_, i) => i !== degreeAt) ?? null) : parts[schoolAt]!,
    year: years.length > 0 ? Math.max(...years) : null,
  };
}

function namesDegree(entry: Education): boolean {
  return DEGREE.test(foldAccents(entry.degree).toLowerCase());
}

/**
 * One entry per line naming a degree or a school. A school on the line below a degree
 * ("Master Informatique" / "Université Exemple, 2015") completes that entry, and so does a
 * school on the line above it (LinkedIn exports: "University of X" / "Bachelor of Science, 2016").
 */
export function extractEducation(lines: string[]): Education[] {
  const entries: Education[] = [];
  let previous: Education | null = null;
  for (const line of lines) {
    const entry = line ? readEducationLine(line) : null;
    if (!entry) {
      previous = line ? previous : null;
      continue;
    }
    const isSchoolOnly = !namesDegree(entry);
    if (previous && !namesDegree(previous) && !isSchoolOnly) {
      const school = previous.institution ?? previous.degree;
      Object.assign(previous, entry, { institution: school });
      continue;
    }
    if (previous && isSchoolOnly && (previous.institution === null || previous.year === null)) {
      previous.institution ??= entry.institution ?? entry.degree;
      previous.year ??= entry.year;
      continue;
    }
    entries.push(entry);
    previous = entry;
  }
  return entries;
}
