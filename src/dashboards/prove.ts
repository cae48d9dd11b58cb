// Runs every query of every dashboard against the real backends, as Grafana would: variables take
// the values Prometheus has for them, macros become durations; a query fails on an error or an empty
// answer. PromQL goes to Prometheus's HTTP API, Elasticsearch targets to the Elasticsearch API.
import { count, labelValues, queryInstant, queryRange, search } from "../backends/index.ts";
import { expand, type TimeWindow, type VariableValue } from "./expand.ts";
import { dataPanels, variableQuery, variables, type DashboardJson, type TargetJson, type VariableJson } from "./walk.ts";

export interface Backends {
  prometheus: string;
  elasticsearch: string;
  /** The index Elasticsearch targets search (the datasource's index in grafana/provisioning). */
  logsIndex?: string;
}

export interface QueryResult {
  /** "file / panel title" or "file / annotation name". */
  panel: string;
  refId: string;
  query: string;
  /** Series (PromQL) or hits and buckets (Elasticsearch) found; 0 with `error` unset means empty. */
  found: number;
  error?: string;
}

const seconds = (ms: number) => ms / 1000;

async function prometheusSeries(backends: Backends, expr: string, window: TimeWindow, instant: boolean): Promise<number> {
  const found = instant
    ? await queryInstant(backends.prometheus, expr, window.toMs)
    : await queryRange(backends.prometheus, expr, { startS: seconds(window.fromMs), endS: seconds(window.toMs), stepS: window.stepS });
  return found.length;
}

async function elasticsearchHits(backends: Backends, target: TargetJson, lucene: string, window: TimeWindow): Promise<number> {
  const aggs = Object.fromEntries(
    (target.bucketAggs ?? []).filter((agg) => agg.type === "terms" && agg.field).map((agg) => [agg.id, { terms: { field: agg.field } }]),
  );
  const query = {
    bool: {
      must: [{ query_string: { query: lucene, analyze_wildcard: true } }],
      filter: [{ range: { "@timestamp": { gte: window.fromMs, lte: window.toMs, format: "epoch_millis" } } }],
    },
  };
  const index = backends.logsIndex ?? "otel-logs";
  if (Object.keys(aggs).length === 0) return count(backends.elasticsearch, index, query);
  const { buckets } = await search(backends.elasticsearch, index, { size: 0, query, aggs });
  // A terms aggregation on a missing field answers no buckets even when documents match.
  return Math.min(...Object.values(buckets).map((list) => list.length));
}

/** The values a query variable lists (label_values(selector, label)), the variables before it expanded. */
async function variableValues(backends: Backends, variable: VariableJson, known: Record<string, VariableValue>, window: TimeWindow): Promise<string[]> {
  if (variable.type === "custom")
    return variableQuery(variable)
      .split(",")
      .map((value) => value.trim());
  const match = /^label_values\((.+),\s*(\w+)\)$/.exec(variableQuery(variable));
  if (!match) throw new Error(`variable ${variable.name}: only label_values(selector, label) is supported, got ${variableQuery(variable)}`);
  const selector = expand(match[1]!, known, window, "promql");
  return labelValues(backends.prometheus, match[2]!, selector, { startS: seconds(window.fromMs), endS: seconds(window.toMs) });
}

/** Resolves the dashboard's variables in order, as Grafana does on load with their default values. */
export async function resolveVariables(backends: Backends, board: DashboardJson, window: TimeWindow) {
  const values: Record<string, VariableValue> = {};
  const problems: Record<string, string> = {};
  for (const variable of variables(board)) {
    if (variable.type === "datasource") continue;
    const options = await variableValues(backends, variable, values, window).catch((error: Error): string[] => ((problems[variable.name] = error.message), []));
    const current = variable.current?.value;
    if (options.length === 0) problems[variable.name] ??= `variable $${variable.name} has no values (${variableQuery(variable)})`;
    if (current === "$__all" || (Array.isArray(current) && current.includes("$__all"))) {
      values[variable.name] = { values: options, allValue: variable.allValue ?? options.join("|") };
    } else if (typeof current === "string" && current !== "") {
      if (!options.includes(current) && options.length > 0)
        problems[variable.name] = `default ${current} of $${variable.name} is not among ${options.join(", ")}`;
      values[variable.name] = { values: [current] };
    } else {
      values[variable.name] = { values: options.slice(0, 1) };
    }
  }
  return { values, problems };
}

async function runTarget(
  backends: Backends,
  target: TargetJson,
  values: Record<string, VariableValue>,
  window: TimeWindow,
): Promise<{ query: string; found: number }> {
  if (target.datasource?.type === "elasticsearch") {
    const query = expand(target.query ?? "*", values, window, "lucene");
    return { query, found: await elasticsearchHits(backends, target, query, window) };
  }
  const query = expand(target.expr ?? "", values, window, "promql");
  return { query, found: await prometheusSeries(backends, query, window, target.instant === true) };
}

/** Every panel target and annotation query of the dashboards, run once each. */
export async function proveDashboards(backends: Backends, boards: Record<string, DashboardJson>, window: TimeWindow): Promise<QueryResult[]> {
  const results: QueryResult[] = [];
  for (const [file, board] of Object.entries(boards)) {
    const { values, problems } = await resolveVariables(backends, board, window);
    const queries = [
      ...dataPanels(board).flatMap((panel) => (panel.targets ?? []).map((target) => ({ panel: `${file} / ${panel.title}`, target }))),
      ...(board.annotations?.list ?? [])
        .filter((a) => a.expr)
        .map((a) => ({ panel: `${file} / annotation ${a.name}`, target: { refId: "annotation", expr: a.expr, datasource: a.datasource } as TargetJson })),
    ];
    for (const { panel, target } of queries) {
      const text = target.expr ?? target.query ?? "";
      const broken = Object.entries(problems).find(([name]) => new RegExp(`\\$\\{?${name}\\b`).test(text));
      const result: QueryResult = { panel, refId: target.refId ?? "?", query: text, found: 0 };
      try {
        if (broken) throw new Error(broken[1]);
        Object.assign(result, await runTarget(backends, target, values, window));
      } catch (error) {
        result.error = (error as Error).message;
      }
      results.push(result);
    }
  }
  return results;
}
