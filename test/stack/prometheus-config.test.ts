// The Prometheus configs and rules as the real tool reads them: promtool, provisioned if needed.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { before, describe, it } from "node:test";
import { parse } from "yaml";
import { prometheusComponent } from "../../src/stack/components/prometheus.ts";
import { provisionPrometheus, type PrometheusBinaries } from "../../src/stack/provision/prometheus.ts";
import { projectRoot } from "../../src/config/paths.ts";
import { run } from "../../src/stack/provision/run.ts";
import { writePrometheusConfig } from "../../src/stack/prometheus-config.ts";

const prometheusDir = join(projectRoot, "prometheus");
const ruleFiles = readdirSync(join(prometheusDir, "rules")).filter((file) => file.endsWith(".yml"));
const ruleTests = readdirSync(join(prometheusDir, "tests")).filter((file) => file.endsWith(".test.yml"));

describe("prometheus configs and rules", () => {
  let tools: PrometheusBinaries;
  before(async () => {
    tools = await provisionPrometheus();
  });

  it("prometheus.yml is a valid config that loads every rule file", async () => {
    const output = await run(tools.promtool, ["check", "config", "prometheus.yml"], { cwd: prometheusDir, quiet: true });
    assert.match(output, new RegExp(`SUCCESS: ${ruleFiles.length} rule files found`));
  });

  it("the copy rendered for a stack at STACK_PORT_OFFSET=1000 is valid, loads every rule file, and finds every target 1000 ports up", async () => {
    const saved = { ...process.env };
    const dir = mkdtempSync(join(tmpdir(), "prometheus-render-"));
    try {
      Object.assign(process.env, { STACK_PORT_OFFSET: "1000", STACK_STATE_DIR: dir });
      const file = writePrometheusConfig();
      const output = await run(tools.promtool, ["check", "config", file], { quiet: true });
      assert.match(output, new RegExp(`SUCCESS: ${ruleFiles.length} rule files found`));
      const moved = (yaml: string) =>
        (parse(yaml) as { scrape_configs: { job_name: string; static_configs?: { targets: string[] }[] }[] }).scrape_configs.flatMap(
          ({ job_name, static_configs }) => (static_configs ?? []).flatMap(({ targets }) => targets.map((target) => `${job_name} ${target}`)),
        );
      const committed = moved(readFileSync(join(prometheusDir, "prometheus.yml"), "utf8"));
      assert.deepEqual(
        moved(readFileSync(file, "utf8")),
        committed.map((line) => line.replace(/:(\d+)$/, (_, port: string) => `:${Number(port) + 1000}`)),
      );
      assert.match(readFileSync(file, "utf8"), /127\.0\.0\.1:10093/, "alerts go to this stack's Alertmanager");
      assert.match(readFileSync(file, "utf8"), new RegExp(`${dir}/prometheus-targets/\\*\\.json`), "the gateway pool's targets from this stack's state dir");
      const rendered = readdirSync(join(dirname(file), "rules")).sort();
      assert.deepEqual(rendered, [...ruleFiles].sort(), "every rule file rendered beside the config");
      const links = rendered.flatMap((name) =>
        [...readFileSync(join(dirname(file), "rules", name), "utf8").matchAll(/runbook_url: "([^"]+)"/g)].map((m) => m[1]!),
      );
      assert.ok(links.length >= ruleFiles.length, `runbook links: ${links.length}`);
      assert.deepEqual(
        links.filter((link) => !link.startsWith("http://127.0.0.1:10097/runbooks#")),
        [],
        "every runbook link leads to this stack's inbox",
      );
    } finally {
      process.env = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the docker compose variant is valid too", async () => {
    await run(tools.promtool, ["check", "config", "prometheus.compose.yml"], { cwd: prometheusDir, quiet: true });
  });

  for (const file of ruleFiles) {
    it(`rules/${file} is valid`, async () => {
      const output = await run(tools.promtool, ["check", "rules", `rules/${file}`], { cwd: prometheusDir, quiet: true });
      assert.match(output, /SUCCESS: \d+ rules found/);
    });
  }

  for (const file of ruleTests) {
    it(`tests/${file}: every alert waits out its for: and fires with its labels and annotations`, async () => {
      const output = await run(tools.promtool, ["test", "rules", `tests/${file}`], { cwd: prometheusDir, quiet: true });
      assert.match(output, /SUCCESS/);
    });
  }

  it("every hand-written rule file has its promtool test", () => {
    const tested = new Set(ruleTests.map((file) => file.replace(".test.yml", ".yml")));
    assert.deepEqual(
      ruleFiles.filter((file) => !file.startsWith("slo-") && !tested.has(file)),
      [],
    );
  });
});

// Without --web.enable-lifecycle, any local process could POST /-/quit or /-/reload; nothing of ours
// uses either (rules are read at start; the stack restarts Prometheus to change them).
describe("prometheus's admin switches", () => {
  it("runs natively and in compose without the lifecycle API (no POST /-/quit, /-/reload) and without the admin API", () => {
    const compose = parse(readFileSync(join(projectRoot, "docker-compose.yml"), "utf8")) as { services: Record<string, { command?: string[] }> };
    for (const [where, args] of [
      ["natively", prometheusComponent().args],
      ["in compose", compose.services.prometheus!.command!],
    ] as const) {
      assert.ok(!args.includes("--web.enable-lifecycle"), `${where}: ${args.join(" ")}`);
      assert.ok(!args.includes("--web.enable-admin-api"), `${where}: ${args.join(" ")}`);
    }
  });
});
