// Splits a document into sections under known headings ("Experience", "COMPÉTENCES :", "## Skills").
import { foldAccents } from "./normalise.ts";

export interface Section<K extends string> {
  /** "preamble" for the lines before the first known heading. */
  kind: K | "preamble";
  lines: string[];
}

export type HeadingTable<K extends string> = Readonly<Record<K, readonly string[]>>;

/** Words that make a short heading-like line a heading even when the table lacks its wording. */
export type HeadingKeywords<K extends string> = ReadonlyArray<readonly [RegExp, K]>;

function headingKey(raw: string): string {
  return foldAccents(raw)
    .toLowerCase()
    .replace(/^[\s#=*_•►▪|~>-]+|[\s:=*_|~-]+$/g, "")
    .replace(/[\s_]+/g, " ")
    .replace(/\s*&\s*/g, " & ");
}

function compileHeadings<K extends string>(table: HeadingTable<K>): Map<string, K> {
  const byKey = new Map<string, K>();
  for (const kind of Object.keys(table) as K[]) {
    for (const heading of table[kind]) byKey.set(headingKey(heading), kind);
  }
  return byKey;
}

/** A heading alone on its line, or followed by a colon and inline content ("Skills: Java, Go"). */
function readHeading<K extends string>(line: string, byKey: Map<string, K>): { kind: K; rest: string } | null {
  if (line.length > 60) return null;
  const whole = byKey.get(headingKey(line));
  if (whole) return { kind: whole, rest: "" };
  const colon = line.search(/\s*[:：]/);
  if (colon <= 0) return null;
  const kind = byKey.get(headingKey(line.slice(0, colon)));
  return kind ? { kind, rest: line.slice(colon).replace(/^\s*[:：]\s*/, "") } : null;
}

/**
 * "RESEARCH & INDUSTRY EXPERIENCE", "Compétences clés": a short line without digits, in capitals
 * or of at most four words, naming a known keyword.
 */
function readKeywordHeading<K extends string>(line: string, keywords: HeadingKeywords<K>): { kind: K; rest: string } | null {
  const words = line.split(/\s+/).length;
  if (/\d/.test(line) || words > 5 || (words > 4 && line !== line.toUpperCase())) return null;
  const key = headingKey(line);
  const found = keywords.find(([pattern]) => pattern.test(key));
  return found ? { kind: found[1], rest: "" } : null;
}

/** Builds a splitter for one heading table; the table is compiled once. */
export function sectionSplitter<K extends string>(table: HeadingTable<K>, keywords: HeadingKeywords<K> = []): (lines: string[]) => Section<K>[] {
  const byKey = compileHeadings(table);
  return (lines) => {
    const sections: Section<K>[] = [{ kind: "preamble", lines: [] }];
    for (const line of lines) {
      const heading = line.length > 0 ? (readHeading(line, byKey) ?? readKeywordHeading(line, keywords)) : null;
      if (heading) sections.push({ kind: heading.kind, lines: heading.rest ? [heading.rest] : [] });
      else sections[sections.length - 1]!.lines.push(line);
    }
    return sections;
  };
}

/** All lines of the sections of the given kinds, in document order. */
export function linesOf<K extends string>(sections: Section<K>[], ...kinds: Array<K | "preamble">): string[] {
  return sections.filter((section) => kinds.includes(section.kind)).flatMap((section) => section.lines);
}
