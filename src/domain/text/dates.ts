// Date ranges as CVs write them: "Jan 2019 – Present", "2019-2022", "03/2018 - 06/2021",
// "janv. 2020 – aujourd'hui", "depuis 2021", "since March 2020", "2018/2026".

/** A month index: year * 12 + (month - 1). Comparable and subtractable. */
export type MonthIndex = number;

export interface DateRange {
  start: MonthIndex;
  /** Inclusive last month; null while the role is current. */
  end: MonthIndex | null;
  /** Where the range sits in the line, so callers can cut it out. */
  from: number;
  to: number;
}

const MONTHS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^jan/, 1],
  [/^f[eé]v|^feb/, 2],
  [/^mar/, 3],
  [/^a[pv]r/, 4],
  [/^ma[iy]/, 5],
  [/^juin|^jun/, 6],
  [/^juil|^jul/, 7],
  [/^ao[uû]|^aug/, 8],
  [/^sep/, 9],
  [/^oct/, 10],
  [/^nov/, 11],
  [/^d[eé]c/, 12],
];

const MONTH_WORD =
  "(?:jan(?:uary|v(?:ier)?)?|f[eé]v(?:r(?:ier)?)?|feb(?:ruary)?|mar(?:ch|s)?|a[pv]r(?:il)?|ma[iy]|june?|juin|jul(?:y)?|juil(?:let)?|ao[uû]t?|aug(?:ust)?|sept?(?:ember|embre)?|oct(?:ober|obre)?|nov(?:ember|embre)?|d[eé]c(?:ember|embre)?)\\.?";
const DATE = `(?:${MONTH_WORD}\\s+\\d{4}|\\d{1,2}\\s*[/.]\\s*\\d{4}|\\d{4}\\s*[/-]\\s*\\d{1,2}(?!\\d)|\\d{4})`;
const PRESENT =
  "(?:present|current|now|today|ongoing|to date|aujourd['’]hui|auj\\.?|pr[eé]sent|maintenant|en cours|ce jour|[aà] ce jour|actuel(?:lement)?|heute)";
const SEPARATOR = "(?:\\s*(?:-+|–|—|→|->|~|/)\\s*|\\s+(?:to|until|till|[aà]|au|jusqu['’](?:[aà]|en|au))\\s+)";

const RANGE = new RegExp(`(?:\\b(?:from|de|du)\\s+)?(${DATE})${SEPARATOR}(?:(${PRESENT})|(${DATE}))|\\b(?:since|depuis)\\s+(${DATE})`, "giu");

function monthOf(word: string): number | null {
  const lower = word.toLowerCase();
  return MONTHS.find(([pattern]) => pattern.test(lower))?.[1] ?? null;
}

/** One date token, and whether it named a month. Rejects impossible months and years. */
function readDate(token: string): { year: number; month: number | null } | null {
  const clean = token.trim();
  let year: number;
  let month: number | null;
  const named = /^(\p{L}+)\.?\s+(\d{4})$/u.exec(clean);
  const monthFirst = /^(\d{1,2})\s*[/.]\s*(\d{4})$/.exec(clean);
  const yearFirst = /^(\d{4})\s*[/-]\s*(\d{1,2})$/.exec(clean);
  if (named) [month, year] = [monthOf(named[1]!), Number(named[2])];
  else if (monthFirst) [month, year] = [Number(monthFirst[1]), Number(monthFirst[2])];
  else if (yearFirst) [year, month] = [Number(yearFirst[1]), Number(yearFirst[2])];
  else [year, month] = [Number(clean), null];
  if (year < 1960 || year > 2100 || (month !== null && (month < 1 || month > 12))) return null;
  return { year, month };
}

export function monthIndexOf(date: Date): MonthIndex {
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

/** "YYYY-MM" for a month index. */
export function formatMonth(index: MonthIndex): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/**
 * Every date range in one line. A bare start year counts from January; a bare end year counts
 * to January of that year ("2019–2022" is three years, as a reader would say), or to December
 * when the role starts and ends in the same year.
 */
export function findDateRanges(line: string): DateRange[] {
  const ranges: DateRange[] = [];
  for (const match of line.matchAll(RANGE)) {
    const start = readDate(match[1] ?? match[4] ?? "");
    if (!start) continue;
    const startIndex = start.year * 12 + (start.month ?? 1) - 1;
    let end: MonthIndex | null = null;
    if (match[3]) {
      const last = readDate(match[3]);
      if (!last) continue;
      end = last.year * 12 + (last.month ?? (last.year === start.year ? 12 : 1)) - 1;
      if (end < startIndex) continue;
    }
    ranges.push({ start: startIndex, end, from: match.index, to: match.index + match[0].length });
  }
  return ranges;
}
