// SLOs: per SLO (Sloth's generated recording rules, prometheus/rules/), the error budget left, burn
// rates over the fast and slow alert windows, and the alerts pending or firing.
import * as dashboard from "@grafana/grafana-foundation-sdk/dashboard";
import { newDashboard, UIDS } from "../dashboard.ts";
import { PROMETHEUS } from "../datasources.ts";
import { statPanel, tablePanel, timeseriesPanel } from "../panels.ts";

const SLO = 'sloth_service=~"$service_name", sloth_slo=~"$sloth_slo"';
const LEGEND = "{{sloth_service}} {{sloth_slo}}";

/** From Sloth's info series; `service_name` holds a sloth_service, so alerts' var-service_name links work. */
function slothVariable(name: string, label: string, slothLabel = name) {
  const definition = `label_values(sloth_slo_info, ${slothLabel})`;
  return new dashboard.QueryVariableBuilder(name)
    .label(label)
    .datasource(PROMETHEUS)
    .query({ qryType: 1, query: definition, refId: `${name}-variable` })
    .definition(definition)
    .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
    .multi(true)
    .includeAll(true)
    .allValue(".+")
    .current({ text: "All", value: "$__all" });
}

/** Error ratio over a window divided by the error budget: 1 spends the budget exactly over the period. */
const burnRate = (window: string) => ({
  expr: `max by (sloth_service, sloth_slo) (slo:sli_error:ratio_rate${window}{${SLO}} / on (sloth_id) group_left () slo:error_budget:ratio{${SLO}})`,
  legend: `${window} ${LEGEND}`,
});

export const slos = () =>
  newDashboard({
    uid: UIDS.slos,
    title: "otel-gateway · SLOs",
    description:
      "Availability and latency SLOs of matching-api, cv-parser and job-parser (Sloth): error budget left over the 30-day period, burn rates, alerts.",
    variables: [slothVariable("service_name", "Service", "sloth_service"), slothVariable("sloth_slo", "SLO")],
    sections: [
      {
        row: "Budget",
        panels: [
          statPanel({
            title: "Error budget remaining (30 days)",
            description: "Share of the period's error budget not yet spent, per SLO: 100% untouched, 0% or below means the SLO is broken for the period.",
            unit: "percentunit",
            width: 12,
            targets: [{ expr: `max by (sloth_service, sloth_slo) (slo:period_error_budget_remaining:ratio{${SLO}})`, legend: LEGEND }],
          }),
          statPanel({
            title: "Objective",
            description: "The target each SLO promises (e.g. 99.5% of requests succeed), from the SLO definitions.",
            unit: "percentunit",
            width: 6,
            targets: [{ expr: `max by (sloth_service, sloth_slo) (slo:objective:ratio{${SLO}})`, legend: LEGEND }],
          }),
          statPanel({
            title: "Burn rate over the period",
            description: "Average burn rate since the start of the 30-day period: above 1, the budget runs out before the period ends.",
            unit: "none",
            width: 6,
            redAt: 1,
            targets: [{ expr: `max by (sloth_service, sloth_slo) (slo:period_burn_rate:ratio{${SLO}})`, legend: LEGEND }],
          }),
        ],
      },
      {
        row: "Burn rates",
        panels: [
          timeseriesPanel({
            title: "Burn rate, fast windows (5m, 1h) — page at 14.4×",
            description:
              "How fast the budget burns over the short windows the page alert uses: 14.4× on both 1h and 5m spends 2% of a 30-day budget in an hour.",
            unit: "none",
            redAt: 14.4,
            targets: [burnRate("5m"), burnRate("1h")],
          }),
          timeseriesPanel({
            title: "Burn rate, slow windows (6h, 3d) — ticket at 1×",
            description: "Burn rate over the long windows the ticket alerts use: 6× over 6h, or 1× over 3 days, means the budget will not last the period.",
            unit: "none",
            redAt: 1,
            targets: [burnRate("6h"), burnRate("3d")],
          }),
          timeseriesPanel({
            title: "Current burn rate",
            description: "Burn rate now (Sloth's slo:current_burn_rate:ratio, the 5-minute error ratio over the budget).",
            unit: "none",
            redAt: 1,
            targets: [{ expr: `max by (sloth_service, sloth_slo) (slo:current_burn_rate:ratio{${SLO}})`, legend: LEGEND }],
          }),
        ],
      },
      {
        row: "Alerts",
        panels: [
          tablePanel({
            title: "Alerts pending or firing",
            description:
              "Every Prometheus alert now pending (condition true, waiting out its `for:`) or firing, with its labels; SLO burn alerts (ErrorBudgetBurn) carry sloth_service and sloth_slo. Watchdog always fires: it shows the alert pipeline works.",
            unit: "none",
            width: 24,
            targets: [{ expr: "sum by (alertname, alertstate, severity, service_name, sloth_service, sloth_slo) (ALERTS)", legend: "alerts" }],
          }),
        ],
      },
    ],
  });
