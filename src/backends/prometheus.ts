// Prometheus's HTTP API: instant and range queries, label values, exemplars and the head's series
// count. Queries go as a form (POST), so a long PromQL expression is no long URL.
import { BackendError, callJson, withQuery } from "./http.ts";

export type Labels = Record<string, string>;

export interface Sample {
  labels: Labels;
  value: number;
}

export interface RangeSeries {
  labels: Labels;
  /** [Unix seconds, value] pairs, oldest first; a NaN value stays NaN. */
  points: Array<[number, number]>;
}

export interface Exemplar {
  /** The series the exemplar belongs to. */
  series: Labels;
  labels: Labels;
  value: number;
  /** Unix seconds. */
  timestamp: number;
}

/** A window in Unix seconds. */
export interface Range {
  startS: number;
  endS: number;
}

interface Answer<T> {
  status: "success" | "error";
  error?: string;
  data: T;
}

/** Prometheus answers 200 with status "error" for a few failures (a query it times out on): still an error. */
async function api<T>(prometheusUrl: string, path: string, params: Record<string, string | number | undefined>, timeoutMs?: number): Promise<T> {
  const url = `${prometheusUrl}/api/v1/${path}`;
  const form = new URLSearchParams(Object.entries(params).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]])));
  const answer = await callJson<Answer<T>>(url, { body: form, timeoutMs });
  if (answer.status !== "success") throw new BackendError("POST", url, `answered status ${answer.status}: ${answer.error ?? ""}`);
  return answer.data;
}

/** An instant query: one sample per series; at `atMs` (default now). */
export async function queryInstant(prometheusUrl: string, query: string, atMs?: number, { timeoutMs }: { timeoutMs?: number } = {}): Promise<Sample[]> {
  const data = await api<{ result: Array<{ metric: Labels; value: [number, string] }> }>(
    prometheusUrl,
    "query",
    { query, time: atMs === undefined ? undefined : atMs / 1000 },
    timeoutMs,
  );
  return data.result.map((series) => ({ labels: series.metric, value: Number(series.value[1]) }));
}

/** A range query with `stepS` seconds between points. */
export async function queryRange(prometheusUrl: string, query: string, { startS, endS, stepS }: Range & { stepS: number }): Promise<RangeSeries[]> {
  const data = await api<{ result: Array<{ metric: Labels; values: Array<[number, string]> }> }>(prometheusUrl, "query_range", {
    query,
    start: startS,
    end: endS,
    step: stepS,
  });
  return data.result.map(({ metric, values }) => ({ labels: metric, points: values.map(([time, value]) => [time, Number(value)]) }));
}

/** The values a label takes in the series that `match` selects over the window (Grafana's label_values). */
export async function labelValues(prometheusUrl: string, label: string, match: string, { startS, endS }: Range): Promise<string[]> {
  const url = withQuery(`${prometheusUrl}/api/v1/label/${encodeURIComponent(label)}/values`, { "match[]": match, start: startS, end: endS });
  const answer = await callJson<Answer<string[]>>(url);
  if (answer.status !== "success") throw new BackendError("GET", url, `answered status ${answer.status}: ${answer.error ?? ""}`);
  return answer.data;
}

/** Exemplars of the series a query selects over the window (the trace links of the dashboards). */
export async function exemplars(prometheusUrl: string, query: string, { startS, endS }: Range): Promise<Exemplar[]> {
  const data = await api<Array<{ seriesLabels: Labels; exemplars: Array<{ labels: Labels; value: string; timestamp: number }> }>>(
    prometheusUrl,
    "query_exemplars",
    { query, start: startS, end: endS },
  );
  return data.flatMap((series) =>
    series.exemplars.map((exemplar) => ({
      series: series.seriesLabels,
      labels: exemplar.labels,
      value: Number(exemplar.value),
      timestamp: exemplar.timestamp,
    })),
  );
}

/** Series in the head block (the TSDB status page's numSeries): what a cardinality limit bounds. */
export async function headSeries(prometheusUrl: string): Promise<number> {
  const url = `${prometheusUrl}/api/v1/status/tsdb`;
  const answer = await callJson<Answer<{ headStats: { numSeries: number } }>>(url);
  return answer.data.headStats.numSeries;
}

/** The query in Prometheus's own graph page, as a URL a person can open. */
export function graphUrl(prometheusUrl: string, query: string): string {
  return `${prometheusUrl}/graph?g0.expr=${encodeURIComponent(query)}&g0.tab=0`;
}

/** Where a remote-write sender (the collector's prometheusremotewrite exporter) posts its samples. */
export function remoteWriteUrl(prometheusUrl: string): string {
  return `${prometheusUrl}/api/v1/write`;
}
