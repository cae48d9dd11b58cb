// `npm run chaos -- --only abuse`: every hostile case of cases.ts against the running stack, one
// after the other, each measured with its canary (measure.ts); `--case <text>[,<text>…]` runs those named so.
import type { RunningStack } from "../../../src/stack/stack.ts";
import { abuseCases, type Scale } from "./cases.ts";
import { abuseNotes, abuseTable, measureCase, type AbuseRow } from "./measure.ts";

export async function abuseSuite(
  stack: RunningStack,
  { scale = "full" as Scale, only = undefined as string | undefined, log = console.log } = {},
): Promise<AbuseRow[]> {
  const rows: AbuseRow[] = [];
  for (const abuse of abuseCases(scale).filter(({ name }) => !only || only.split(",").some((part) => name.includes(part))))
    rows.push(await measureCase(stack, abuse, { log }));
  return rows;
}

export function abuseReport(rows: AbuseRow[]): string {
  const refused = rows.reduce((sum, row) => sum + row.canary.refused, 0);
  const lost = rows.reduce((sum, row) => sum + row.canary.lost, 0);
  return `${abuseTable(rows)}\n\n${abuseNotes(rows)}\n\nThe canary: ${refused} refusals, ${lost} items lost.`;
}
