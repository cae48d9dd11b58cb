// Every alert, hand-written or generated, carries what a person needs: a severity that routes
// (page, ticket; the Watchdog's heartbeat), a summary, a description, and a runbook_url whose
// section exists in docs/runbooks.md (the anchors the inbox's /runbooks page gives its headings).
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { runbooksFile, slug } from "../../src/alerting/inbox/pages.ts";
import { projectRoot } from "../../src/config/paths.ts";

interface Rule {
  alert?: string;
  record?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

const rulesDir = join(projectRoot, "prometheus", "rules");
const alerts = readdirSync(rulesDir)
  .filter((file) => file.endsWith(".yml"))
  .flatMap((file) =>
    (parse(readFileSync(join(rulesDir, file), "utf8")) as { groups: { rules: Rule[] }[] }).groups.flatMap((group) =>
      group.rules.map((rule) => ({ file, ...rule })),
    ),
  )
  .filter((rule) => rule.alert);
const sections = new Set([...readFileSync(runbooksFile, "utf8").matchAll(/^#+ (.+)$/gm)].map((match) => slug(match[1]!)));

describe("alert rules", () => {
  it("are there: the seeds' services, ML, runtime and gateway alerts plus the SLO burn alerts", () => {
    assert.ok(alerts.length >= 30, `only ${alerts.length} alerts`);
    assert.ok(alerts.some((rule) => rule.file.startsWith("slo-") && rule.alert === "ErrorBudgetBurn"));
  });

  for (const rule of alerts) {
    it(`${rule.file}: ${rule.alert} (${rule.labels?.severity}) routes and explains itself`, () => {
      const severity = rule.labels?.severity;
      assert.ok(severity === "page" || severity === "ticket" || (rule.alert === "Watchdog" && severity === "heartbeat"), `severity ${severity}`);
      for (const key of ["summary", "description", "runbook_url"]) assert.ok(rule.annotations?.[key], `no ${key}`);
      const anchor = new URL(rule.annotations!.runbook_url!).hash.slice(1);
      assert.ok(sections.has(anchor), `docs/runbooks.md has no section #${anchor}`);
    });
  }
});
