// Roles and years of experience from the experience lines of a CV.
import { findDateRanges, formatMonth, type MonthIndex } from "../text/dates.ts";
import type { Role } from "../types.ts";
import { isTitleLike, readTitleAndCompany, type TitleAndCompany } from "./role-line.ts";

interface Period {
  start: MonthIndex;
  /** Inclusive last month. */
  end: MonthIndex;
}

// "(4 years 6 months)", "· 2 ans 3 mois": an export's own arithmetic, not a title or a company.
const DURATION = /[(·]?\s*\d+\s*(?:years?|yrs?|ans?|mois|months?|mos?)\b(?:\s*\d+\s*(?:months?|mos?|mois)\b)?\s*\)?/giu;

function yearsIn(months: number): number {
  return Math.round((months / 12) * 10) / 10;
}

function isBullet(line: string): boolean {
  return /^[-*•·▪►>–—+]\s/u.test(line);
}

/** In a CV with an experience section, a long sentence describes a job; it does not start one. */
function isDescription(line: string): boolean {
  return line.split(/\s+/).length > 14;
}

/**
 * The title for a date line that holds nothing else: the lines just above it (title, then maybe
 * company), else the line just below it ("2019 – 2022" first, then "Developer, Acme").
 */
function titleNear(lines: string[], i: number, claimed: Set<number>): TitleAndCompany | null {
  const above = [i - 1, i - 2].filter((j) => j >= 0 && lines[j] && !claimed.has(j) && !isBullet(lines[j]!));
  const lineAbove = above[0] !== undefined && above[0] === i - 1 ? above[0] : undefined;
  if (lineAbove !== undefined && findDateRanges(lines[lineAbove]!).length === 0) {
    claimed.add(lineAbove);
    const found = readTitleAndCompany(lines[lineAbove]!);
    const twoAbove = lineAbove - 1;
    if (found && !found.company && twoAbove >= 0 && lines[twoAbove] && !claimed.has(twoAbove) && !isBullet(lines[twoAbove]!)) {
      // "Backend Developer" above "Acme Corp": the upper line is the title when it reads like one.
      claimed.add(twoAbove);
      const upper = lines[twoAbove]!;
      return isTitleLike(upper) ? { title: upper, company: found.title } : { title: found.title, company: upper };
    }
    return found;
  }
  const below = lines[i + 1];
  if (below && !isBullet(below) && findDateRanges(below).length === 0) {
    claimed.add(i + 1);
    return readTitleAndCompany(below);
  }
  return null;
}

/** "Data Engineer" above "Acme Corp | 2019 – 2022": the date line named only the company. */
function withTitleAbove(found: TitleAndCompany | null, lines: string[], i: number, claimed: Set<number>): TitleAndCompany | null {
  const above = lines[i - 1];
  if (!found || isTitleLike(found.title) || !above || claimed.has(i - 1) || isBullet(above) || isDescription(above)) return found;
  if (!isTitleLike(above) || findDateRanges(above).length > 0) return found;
  claimed.add(i - 1);
  return { title: above, company: found.title };
}

/**
 * One role per line that carries a date range; `nowIndex` closes current roles. In a sectioned
 * CV long sentences are skipped: "Scrum Master since 2021" inside a description is not a new job.
 */
export function extractRoles(lines: string[], nowIndex: MonthIndex, { sectioned = true } = {}): Role[] {
  const roles: Role[] = [];
  const claimed = new Set<number>();
  lines.forEach((line, i) => {
    const [range] = findDateRanges(line);
    if (!range || range.start > nowIndex || (sectioned && isDescription(line))) return;
    claimed.add(i);
    const rest = (line.slice(0, range.from) + " " + line.slice(range.to)).replace(DURATION, " ").replace(/\(\s*\)|\[\s*\]/g, " ");
    const who = withTitleAbove(readTitleAndCompany(rest), lines, i, claimed) ?? titleNear(lines, i, claimed) ?? { title: "", company: null };
    const end = Math.min(range.end ?? nowIndex, nowIndex);
    roles.push({
      title: who.title,
      company: who.company,
      start: formatMonth(range.start),
      end: range.end === null ? null : formatMonth(range.end),
      years: yearsIn(end - range.start + 1),
    });
  });
  return roles;
}

function periodOf(role: Role, nowIndex: MonthIndex): Period {
  const toIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
  return { start: toIndex(role.start), end: role.end === null ? nowIndex : Math.min(toIndex(role.end), nowIndex) };
}

/** Years covered by at least one role: overlapping or parallel roles count once. */
export function totalYears(roles: Role[], nowIndex: MonthIndex): number {
  const periods = roles.map((role) => periodOf(role, nowIndex)).sort((a, b) => a.start - b.start);
  let months = 0;
  let current: Period | null = null;
  for (const period of periods) {
    if (current && period.start <= current.end + 1) {
      current.end = Math.max(current.end, period.end);
      continue;
    }
    if (current) months += current.end - current.start + 1;
    current = { ...period };
  }
  if (current) months += current.end - current.start + 1;
  return yearsIn(months);
}
