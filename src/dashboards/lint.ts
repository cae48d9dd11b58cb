// The dashboard linter (our own rules; it runs in `npm test` and before `npm run dashboards` writes):
// every panel has a title, a description and a unit; datasources come from datasource variables,
// never a hard-coded uid; every variable a query uses exists; PromQL follows a few rules that make
// panels right on any scrape interval.
import { dataPanels, referencedVariables, variableQuery, variables, type DashboardJson, type PanelJson } from "./walk.ts";

/** Panels that show text rather than numbers need no unit. */
const UNITLESS = new Set(["logs", "text", "news", "dashlist"]);
const ALLOWED_RANGES = /^(\$__rate_interval|\$__range|\$__interval|\d+[hdw]|[1-9]\d*m)$/;

function datasourceProblems(where: string, ref: { type?: string; uid?: string } | undefined, board: DashboardJson): string[] {
  if (!ref) return [`${where}: no datasource`];
  const uid = ref.uid ?? "";
  const name = /^\$\{(\w+)\}$/.exec(uid)?.[1];
  if (!name) return [`${where}: datasource uid "${uid}" is hard-coded; use a datasource variable (\${prometheus}, \${logs})`];
  const variable = variables(board).find((v) => v.name === name);
  if (!variable || variable.type !== "datasource") return [`${where}: datasource variable \${${name}} is not defined`];
  if (variableQuery(variable) !== ref.type) return [`${where}: datasource \${${name}} is a ${variableQuery(variable)}, the query is ${ref.type}`];
  return [];
}

function promqlProblems(where: string, expr: string): string[] {
  const problems: string[] = [];
  for (const [, range] of expr.matchAll(/\[([^\]]+)\]/g)) {
    if (!ALLOWED_RANGES.test(range!)) problems.push(`${where}: range [${range}]: use $__rate_interval, $__range or at least 1m`);
  }
  for (const [call] of expr.matchAll(/histogram_quantile\([^,]+,\s*sum by \(([^)]*)\)/g)) {
    if (!/\ble\b/.test(call)) problems.push(`${where}: histogram_quantile must aggregate by le`);
  }
  if (/histogram_quantile\((?![^,]+,\s*sum by)/.test(expr)) problems.push(`${where}: histogram_quantile over raw buckets: sum by (…, le) (rate(…)) first`);
  return problems;
}

function panelProblems(board: DashboardJson, panel: PanelJson, defined: Set<string>): string[] {
  const where = `${board.uid} / ${panel.title ?? `panel ${panel.id}`}`;
  const problems: string[] = [];
  if (!panel.title?.trim()) problems.push(`${where}: no title`);
  if (!panel.description?.trim()) problems.push(`${where}: no description`);
  if (!UNITLESS.has(panel.type) && !panel.fieldConfig?.defaults?.unit) problems.push(`${where}: no unit`);
  if (!panel.targets?.length) problems.push(`${where}: no query`);
  problems.push(...datasourceProblems(where, panel.datasource, board));
  const refIds = (panel.targets ?? []).map((target) => target.refId);
  if (new Set(refIds).size !== refIds.length) problems.push(`${where}: duplicate refIds ${refIds.join(",")}`);
  for (const target of panel.targets ?? []) {
    const at = `${where} [${target.refId}]`;
    problems.push(...datasourceProblems(at, target.datasource, board));
    const text = target.expr ?? target.query ?? "";
    if (target.datasource?.type === "prometheus") {
      if (!target.expr?.trim()) problems.push(`${at}: empty PromQL`);
      problems.push(...promqlProblems(at, text));
    }
    for (const name of referencedVariables(text)) if (!defined.has(name)) problems.push(`${at}: uses $${name}, which is not defined`);
  }
  for (const link of panel.fieldConfig?.defaults?.links ?? []) {
    for (const name of referencedVariables(link.url ?? "")) if (!defined.has(name)) problems.push(`${where}: link uses $${name}, which is not defined`);
  }
  return problems;
}

export function lintDashboard(board: DashboardJson): string[] {
  const problems: string[] = [];
  if (!board.uid) problems.push(`${board.title}: no uid`);
  if (!board.description?.trim()) problems.push(`${board.uid}: no description`);
  const defined = new Set(variables(board).map((variable) => variable.name));
  for (const variable of variables(board)) {
    if (variable.type === "query") problems.push(...datasourceProblems(`${board.uid} / variable ${variable.name}`, variable.datasource, board));
  }
  for (const annotation of board.annotations?.list ?? []) {
    if (annotation.builtIn) continue;
    problems.push(...datasourceProblems(`${board.uid} / annotation ${annotation.name}`, annotation.datasource, board));
    problems.push(...promqlProblems(`${board.uid} / annotation ${annotation.name}`, annotation.expr ?? ""));
  }
  const panels = dataPanels(board);
  const titles = panels.map((panel) => panel.title);
  for (const title of new Set(titles)) if (titles.filter((t) => t === title).length > 1) problems.push(`${board.uid}: two panels titled "${title}"`);
  for (const panel of panels) problems.push(...panelProblems(board, panel, defined));
  return problems;
}

export function lintDashboards(boards: Record<string, DashboardJson>): string[] {
  const uids = Object.values(boards).map((board) => board.uid);
  const duplicated = uids.filter((uid, index) => uids.indexOf(uid) !== index).map((uid) => `uid ${uid} is used twice`);
  return [...duplicated, ...Object.entries(boards).flatMap(([file, board]) => lintDashboard(board).map((problem) => `${file}: ${problem}`))];
}
