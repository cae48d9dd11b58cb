// A copy of prometheus/ made fast for a live test, generated from the shipped files (never a hand-written
// copy): every alert's `for:` at most `forAtMost`, every range window and offset in the rules divided by
// `windowsShrunkBy` (the 5-minute error ratio becomes 30 s, so a fixed service resolves in half a
// minute instead of five; the burn-rate windows keep their proportions), and Prometheus scraping and
// evaluating every 2 s so a 30 s window holds 15 samples. Thresholds, labels, annotations and the
// rules themselves are the shipped ones; test/e2e/alerting.test.ts checks that nothing else differs.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { projectRoot } from "../../src/config/paths.ts";

interface RuleFile {
  groups: { rules: { for?: string; expr: string }[] }[];
}

const prometheusDir = join(projectRoot, "prometheus");

/** A range selector's or offset's duration in PromQL (`[5m]`, `[1h30m]`, `offset 1d`; subqueries are not used here). */
export const PROMQL_WINDOW = /(\[|offset )((?:\d+(?:ms|[smhdwy]))+)(\])?/g;

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, y: 31_536_000 };

const seconds = (duration: string) => [...duration.matchAll(/(\d+)(ms|[smhdwy])/g)].reduce((sum, [, n, unit]) => sum + Number(n) * UNIT_SECONDS[unit!]!, 0);

/** `expr` with every window and offset divided by `factor`, in whole seconds, none under `floorSeconds`. */
function shrinkWindows(expr: string, factor: number, floorSeconds = 30): string {
  return expr.replace(PROMQL_WINDOW, (_, open: string, duration: string, close = "") => {
    const shrunk = Math.max(floorSeconds, Math.round(seconds(duration) / factor));
    return `${open}${shrunk}s${close}`;
  });
}

export interface OverlayOptions {
  forAtMost?: string;
  windowsShrunkBy?: number;
  /** Prometheus's global scrape and evaluation interval. */
  interval?: string;
}

/** Writes the overlay into `dir` and returns the path of its prometheus.yml. */
export function writeRulesOverlay(dir: string, { forAtMost = "15s", windowsShrunkBy = 10, interval = "2s" }: OverlayOptions = {}): string {
  mkdirSync(join(dir, "rules"), { recursive: true });
  const config = parse(readFileSync(join(prometheusDir, "prometheus.yml"), "utf8")) as { global: Record<string, string> };
  config.global = { ...config.global, scrape_interval: interval, evaluation_interval: interval };
  writeFileSync(join(dir, "prometheus.yml"), stringify(config, { lineWidth: 0 }));
  for (const file of readdirSync(join(prometheusDir, "rules")).filter((name) => name.endsWith(".yml"))) {
    const rules = parse(readFileSync(join(prometheusDir, "rules", file), "utf8")) as RuleFile;
    for (const rule of rules.groups.flatMap((group) => group.rules)) {
      if (rule.for) rule.for = forAtMost;
      rule.expr = shrinkWindows(rule.expr, windowsShrunkBy);
    }
    writeFileSync(join(dir, "rules", file), stringify(rules, { aliasDuplicateObjects: false, lineWidth: 0 }));
  }
  return join(dir, "prometheus.yml");
}
