// What every dashboard shares: datasource variables, tags, the time range, links to the others (one
// dropdown of every dashboard tagged otel-gateway) and deploy annotations.
import * as dashboard from "@grafana/grafana-foundation-sdk/dashboard";
import type * as cog from "@grafana/grafana-foundation-sdk/cog";
import { jaegerVariable, logsVariable, prometheusVariable, PROMETHEUS } from "./datasources.ts";
import { SCRAPED } from "./variables.ts";

export const TAG = "otel-gateway";

export interface DashboardSpec {
  uid: string;
  title: string;
  description: string;
  /** Add the Elasticsearch and Jaeger datasource variables (only where logs or trace links are used). */
  logsAndTraces?: boolean;
  variables?: cog.Builder<dashboard.VariableModel>[];
  /** Rows of panels, top to bottom; panels fill each row left to right. */
  sections: Section[];
}

export interface Section {
  row: string;
  panels: cog.Builder<dashboard.Panel>[];
}

/**
 * A new process of a service (deploy or restart) brings a new scraped target_info series (it carries
 * the version and the pid): the annotation marks when one appears.
 */
function deployAnnotation() {
  return new dashboard.AnnotationQueryBuilder()
    .name("Deploys and restarts")
    .datasource(PROMETHEUS)
    .enable(true)
    .iconColor("purple")
    .expr(
      `count by (service_name, service_version, process_pid) (target_info{${SCRAPED}}) unless count by (service_name, service_version, process_pid) (target_info{${SCRAPED}} offset 1m)`,
    )
    .step("30s")
    .titleFormat("{{service_name}} {{service_version}} started")
    .textFormat("pid {{process_pid}}")
    .tagKeys("service_name,service_version");
}

export function newDashboard({ uid, title, description, logsAndTraces = false, variables = [], sections }: DashboardSpec): dashboard.Dashboard {
  const builder = new dashboard.DashboardBuilder(title)
    .uid(uid)
    .description(description)
    .tags([TAG])
    .readonly()
    .time({ from: "now-1h", to: "now" })
    .refresh("30s")
    .tooltip(dashboard.DashboardCursorSync.Crosshair)
    .timezone("browser")
    .withVariable(prometheusVariable())
    .annotation(deployAnnotation())
    .link(
      new dashboard.DashboardLinkBuilder("otel-gateway dashboards")
        .type(dashboard.DashboardLinkType.Dashboards)
        .tags([TAG])
        .asDropdown(true)
        .includeVars(false)
        .keepTime(true),
    );
  if (logsAndTraces) builder.withVariable(logsVariable()).withVariable(jaegerVariable());
  variables.forEach((variable) => builder.withVariable(variable));
  for (const { row, panels } of sections) {
    builder.withRow(new dashboard.RowBuilder(row));
    panels.forEach((panel) => builder.withPanel(panel));
  }
  return numbered(builder.build());
}

/** Panel ids 1, 2, 3… in reading order (Grafana needs them unique; the builder leaves them out). */
function numbered(board: dashboard.Dashboard): dashboard.Dashboard {
  board.panels?.forEach((panel, index) => (panel.id = index + 1));
  return board;
}

/** Link to another of our dashboards, keeping the time range. */
export function dashboardUrl(uid: string, params: Record<string, string> = {}): string {
  const query = Object.entries(params).map(([name, value]) => `var-${name}=${value}`);
  return `/d/${uid}?${[...query, "${__url_time_range}"].join("&")}`;
}

/** Short uids: the alert rules' dashboard_url annotations (prometheus/rules/) link to /d/<uid>. */
export const UIDS = {
  services: "services-overview",
  serviceDetail: "service-detail",
  ml: "ml-llm",
  runtime: "runtime",
  business: "business",
  gateway: "gateway",
  slos: "slos",
} as const;
