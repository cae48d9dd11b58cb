// Metrics: the RED charts of the services and their ML / LLM usage (operations, latency, tokens,
// cost), for one service or all, over a chosen time range.
import { chart, type Unit } from "../charts.ts";
import type { ConsoleContext } from "../context.ts";
import { html, option, page, section } from "../html.ts";
import { matching, PATTERNS, RANGES, rangeOf, type Query } from "../params.ts";
import { gridOf, queryRange } from "../sources/prometheus.ts";
import { errorRatio, latencyP95, llmCostRate, mlLatencyP95, mlRequestRate, requestRate, tokenRate } from "../sources/queries.ts";
import { SERVICES } from "../../services/catalog.ts";

interface ChartSpec {
  title: string;
  unit: Unit;
  query: (window: string, service?: string) => string;
  /** The labels that tell the chart's lines apart. */
  by: string[];
}

const GROUPS: Array<{ heading: string; charts: ChartSpec[] }> = [
  {
    heading: "Requests, errors, duration (HTTP server)",
    charts: [
      { title: "Requests per second", unit: "/s", query: requestRate, by: ["service_name"] },
      { title: "Error ratio (5xx answers)", unit: "ratio", query: errorRatio, by: ["service_name"] },
      { title: "p95 request duration", unit: "s", query: latencyP95, by: ["service_name"] },
    ],
  },
  {
    heading: "ML and LLM",
    charts: [
      { title: "Extraction and scoring operations per second, by outcome", unit: "/s", query: mlRequestRate, by: ["service_name", "app_outcome"] },
      { title: "p95 extraction and scoring time, by operation", unit: "s", query: mlLatencyP95, by: ["service_name", "app_operation"] },
      { title: "LLM tokens per second, by type", unit: "/s", query: tokenRate, by: ["service_name", "gen_ai_token_type"] },
      { title: "LLM cost, US dollars per hour", unit: "USD", query: llmCostRate, by: ["service_name"] },
    ],
  },
];

export async function metricsPage(query: Query, context: ConsoleContext): Promise<string> {
  const range = rangeOf(query, "1h");
  const service = matching(query, "service", PATTERNS.service, "a service name");
  const grid = gridOf(RANGES[range], 120);
  // Rates over at least a minute (12 scrapes at 5 s), wider when points are further apart.
  const window = `${Math.max(60, grid.step * 4)}s`;
  const prometheus = context.endpoints().prometheus;
  const groups = await Promise.all(
    GROUPS.map(async ({ heading, charts }) => {
      const figures = await Promise.all(
        charts.map((spec) =>
          section(
            `Prometheus (${spec.title})`,
            queryRange(prometheus, spec.query(window, service), grid, (metric) =>
              spec.by
                .map((label) => metric[label] ?? "")
                .filter(Boolean)
                .join(" · "),
            ),
            (series) => chart({ title: spec.title, unit: spec.unit, grid, series }),
          ),
        ),
      );
      return html`<section>
        <h2>${heading}</h2>
        <div class="charts">${figures}</div>
      </section>`;
    }),
  );
  const form = html`<form class="filters" method="get" action="/metrics">
      <label
        >Service
        <select name="service">
          ${option("", "all", service)}${Object.keys(SERVICES).map((name) => option(name, name, service))}
        </select></label
      >
      <label
        >Time range
        <select name="range">
          ${Object.keys(RANGES).map((name) => option(name, `last ${name}`, range))}
        </select></label
      >
      <button type="submit">Show</button>
    </form>
    <p class="detail">Rates over ${window} windows, ${grid.step}s apart. Series scraped from each service (<code>source="scrape"</code>).</p>`;
  return page({ title: service ? `Metrics · ${service}` : "Metrics", current: "/metrics", body: html`${form}${groups}`, charts: true });
}
