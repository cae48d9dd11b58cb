// The committed grafana/dashboards/*.json are exactly what `npm run dashboards` builds, and pass the linter.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { DASHBOARDS_DIR, dashboardsJson, renderDashboards } from "../../src/dashboards/index.ts";
import { lintDashboards } from "../../src/dashboards/lint.ts";
import { dataPanels } from "../../src/dashboards/walk.ts";

describe("the generated dashboards", () => {
  it("are committed exactly as a fresh build writes them (run `npm run dashboards` after editing src/dashboards)", () => {
    const built = renderDashboards();
    const committed = readdirSync(DASHBOARDS_DIR)
      .filter((file) => file.endsWith(".json"))
      .sort();
    assert.deepEqual(committed, Object.keys(built).sort());
    for (const [file, text] of Object.entries(built)) {
      assert.equal(readFileSync(join(DASHBOARDS_DIR, file), "utf8"), text, `${file} differs from a fresh build`);
    }
  });

  it("pass the dashboard linter", () => {
    assert.deepEqual(lintDashboards(dashboardsJson()), []);
  });

  it("ask Prometheus for exemplars on the span-latency panels, which carry trace ids", () => {
    const withExemplars = Object.values(dashboardsJson()).flatMap((board) =>
      dataPanels(board)
        .filter((panel) => panel.targets?.some((target) => target.exemplar))
        .map((panel) => panel.targets![0]!.expr!),
    );
    assert.ok(withExemplars.length >= 2, "the overview and the service detail show exemplars");
    for (const expr of withExemplars) assert.match(expr, /traces_span_metrics_duration_seconds_bucket/);
  });
});
