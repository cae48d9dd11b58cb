// The proof's verdict: which queries fail (error or empty, not allow-listed), the allow-list with
// what each allowed panel answers now, and allow-list entries that name no panel.
import type { QueryResult } from "./prove.ts";

export interface ProofReport {
  failing: QueryResult[];
  /** Allow-list entries naming no panel of the dashboards. */
  stale: string[];
  lines: string[];
}

const empty = (result: QueryResult) => result.error !== undefined || result.found === 0;

/** Annotation queries mark events (a deploy, a restart): a range without any is normal, an error is not. */
export const isAnnotation = (result: QueryResult) => result.refId === "annotation";

export function reportProof(results: QueryResult[], panelCount: number, allowed: Record<string, string>): ProofReport {
  const failing = results.filter((result) => (isAnnotation(result) ? result.error !== undefined : empty(result)) && !(result.panel in allowed));
  const stale = Object.keys(allowed).filter((panel) => !results.some((result) => result.panel === panel));
  const lines = [`${panelCount} panels, ${results.length} queries, ${failing.length} failing`];
  const quiet = results.filter((result) => isAnnotation(result) && result.found === 0 && result.error === undefined);
  if (quiet.length > 0) lines.push(`${quiet.length} annotation queries found no event in the range (not a failure)`);
  for (const result of failing) lines.push(`  FAIL ${result.panel} [${result.refId}]: ${result.error ?? "empty"}`, `       ${result.query}`);
  lines.push(`allow-list (${Object.keys(allowed).length}):`);
  for (const [panel, reason] of Object.entries(allowed)) {
    const own = results.filter((result) => result.panel === panel);
    const now = own.map((result) => result.error ?? `${result.found} series`).join(", ") || "no such panel";
    lines.push(`  ${panel}: ${reason} (now: ${now}${own.length > 0 && !own.some(empty) ? "; answering: remove it from the list" : ""})`);
  }
  return { failing, stale, lines };
}
