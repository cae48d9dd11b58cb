// Every dashboard, by the file it is written to under grafana/dashboards/.
import { join } from "node:path";
import type { Dashboard } from "@grafana/grafana-foundation-sdk/dashboard";
import type { DashboardJson } from "./walk.ts";
import { projectRoot } from "../config/paths.ts";
import { business } from "./boards/business.ts";
import { gateway } from "./boards/gateway.ts";
import { mlLlm } from "./boards/ml-llm.ts";
import { runtime } from "./boards/runtime.ts";
import { serviceDetail } from "./boards/service-detail.ts";
import { servicesOverview } from "./boards/services-overview.ts";
import { slos } from "./boards/slos.ts";

export const DASHBOARDS_DIR = join(projectRoot, "grafana", "dashboards");

export function buildDashboards(): Record<string, Dashboard> {
  return {
    "services-overview.json": servicesOverview(),
    "service-detail.json": serviceDetail(),
    "ml-llm.json": mlLlm(),
    "runtime.json": runtime(),
    "business.json": business(),
    "gateway.json": gateway(),
    "slos.json": slos(),
  };
}

/** The file contents, exactly as `npm run dashboards` writes them. */
export function renderDashboards(): Record<string, string> {
  return Object.fromEntries(Object.entries(buildDashboards()).map(([file, board]) => [file, `${JSON.stringify(board, null, 2)}\n`]));
}

/** The dashboards as the JSON files hold them, for the linter and the live test. */
export function dashboardsJson(): Record<string, DashboardJson> {
  return Object.fromEntries(Object.entries(renderDashboards()).map(([file, text]) => [file, JSON.parse(text) as DashboardJson]));
}
