// The Prometheus and Alertmanager configs as the real tools read them: promtool and amtool, provisioned if needed.
import assert from "node:assert/strict";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { provisionPrometheus, type PrometheusBinaries } from "../../src/stack/provision/prometheus.ts";
import { projectRoot, run } from "../../src/stack/provision/util.ts";

const prometheusDir = join(projectRoot, "prometheus");

describe("prometheus and alertmanager configs", () => {
  let tools: PrometheusBinaries;
  before(async () => {
    tools = await provisionPrometheus();
  });

  it("prometheus.yml is a valid config whose rule files load", async () => {
    const output = await run(tools.promtool, ["check", "config", "prometheus.yml"], { cwd: prometheusDir, quiet: true });
    assert.match(output, /SUCCESS: 1 rule files found/);
  });

  it("the docker compose variant is valid too", async () => {
    await run(tools.promtool, ["check", "config", "prometheus.compose.yml"], { cwd: prometheusDir, quiet: true });
  });

  it("the rule files are valid", async () => {
    const output = await run(tools.promtool, ["check", "rules", "rules/services.yml"], { cwd: prometheusDir, quiet: true });
    assert.match(output, /SUCCESS: 3 rules found/);
  });

  it("ServiceHighErrorRate waits out its for: and then fires with its labels and annotations", async () => {
    const output = await run(tools.promtool, ["test", "rules", "tests/services.test.yml"], { cwd: prometheusDir, quiet: true });
    assert.match(output, /SUCCESS/);
  });

  it("alertmanager.yml is a valid config", async (t) => {
    if (!tools.amtool) return t.skip("amtool is not installed");
    const output = await run(tools.amtool, ["check-config", join(projectRoot, "alertmanager", "alertmanager.yml")], { quiet: true });
    assert.match(output, /SUCCESS/);
  });
});
