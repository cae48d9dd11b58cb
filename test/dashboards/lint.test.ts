// The linter's rules, each shown failing on a dashboard that breaks it.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { lintDashboard } from "../../src/dashboards/lint.ts";
import type { DashboardJson, PanelJson } from "../../src/dashboards/walk.ts";

const PROM = { type: "prometheus", uid: "${prometheus}" };

function board(panel: Partial<PanelJson>, extra: Partial<DashboardJson> = {}): DashboardJson {
  return {
    uid: "test",
    title: "test",
    description: "A dashboard for the linter's tests.",
    templating: { list: [{ name: "prometheus", type: "datasource", query: "prometheus" }] },
    panels: [
      {
        type: "timeseries",
        title: "Requests",
        description: "Requests per second.",
        datasource: PROM,
        fieldConfig: { defaults: { unit: "reqps" } },
        targets: [{ refId: "A", datasource: PROM, expr: "sum(rate(x_total[$__rate_interval]))" }],
        ...panel,
      },
    ],
    ...extra,
  };
}

describe("the dashboard linter", () => {
  it("accepts a panel that follows every rule", () => {
    assert.deepEqual(lintDashboard(board({})), []);
  });

  const cases: [string, DashboardJson, RegExp][] = [
    ["a panel without a title", board({ title: "" }), /no title/],
    ["a panel without a description", board({ description: undefined }), /no description/],
    ["a panel without a unit", board({ fieldConfig: { defaults: {} } }), /no unit/],
    ["a hard-coded datasource uid", board({ datasource: { type: "prometheus", uid: "P1809F7CD0C75ACF3" } }), /hard-coded/],
    ["a datasource variable that does not exist", board({ datasource: { type: "prometheus", uid: "${metrics}" } }), /\$\{metrics\} is not defined/],
    ["a query using an undefined variable", board({ targets: [{ refId: "A", datasource: PROM, expr: 'x{service_name="$service"}' }] }), /uses \$service/],
    ["a rate over a window shorter than a minute", board({ targets: [{ refId: "A", datasource: PROM, expr: "rate(x_total[30s])" }] }), /range \[30s\]/],
    [
      "histogram_quantile not aggregated by le",
      board({ targets: [{ refId: "A", datasource: PROM, expr: "histogram_quantile(0.95, sum by (service_name) (rate(x_bucket[$__rate_interval])))" }] }),
      /aggregate by le/,
    ],
    ["histogram_quantile over raw buckets", board({ targets: [{ refId: "A", datasource: PROM, expr: "histogram_quantile(0.99, x_bucket)" }] }), /raw buckets/],
    [
      "two targets with one refId",
      board({
        targets: [
          { refId: "A", datasource: PROM, expr: "up" },
          { refId: "A", datasource: PROM, expr: "up" },
        ],
      }),
      /duplicate refIds/,
    ],
    ["a dashboard without a description", board({}, { description: "" }), /test: no description/],
  ];
  for (const [name, dashboard, problem] of cases) {
    it(`rejects ${name}`, () => {
      const problems = lintDashboard(dashboard);
      assert.ok(
        problems.some((p) => problem.test(p)),
        `expected ${problem} in ${JSON.stringify(problems)}`,
      );
    });
  }
});
