// A copy of prometheus/ whose alert rules wait at most `forAtMost` instead of their shipped `for:`,
// so a live test sees a notification in seconds. The `for:` values are the only difference.
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { projectRoot } from "../../src/config/paths.ts";

interface RuleFile {
  groups: { rules: { for?: string }[] }[];
}

const prometheusDir = join(projectRoot, "prometheus");

/** Writes the overlay into `dir` and returns the path of its prometheus.yml. */
export function writeRulesOverlay(dir: string, forAtMost = "15s"): string {
  mkdirSync(join(dir, "rules"), { recursive: true });
  cpSync(join(prometheusDir, "prometheus.yml"), join(dir, "prometheus.yml"));
  for (const file of readdirSync(join(prometheusDir, "rules")).filter((name) => name.endsWith(".yml"))) {
    const rules = parse(readFileSync(join(prometheusDir, "rules", file), "utf8")) as RuleFile;
    for (const rule of rules.groups.flatMap((group) => group.rules)) if (rule.for) rule.for = forAtMost;
    writeFileSync(join(dir, "rules", file), stringify(rules, { aliasDuplicateObjects: false, lineWidth: 0 }));
  }
  return join(dir, "prometheus.yml");
}
