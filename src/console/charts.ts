// Charts as data in the page: the server puts each chart's columns into a JSON script element and
// assets/charts.js draws it with uPlot. Without JavaScript the figure still says the latest values.
import { html, jsonScript, type Html } from "./html.ts";
import { latest, type Grid, type TimeSeries } from "./sources/prometheus.ts";

/** How values are shown: seconds, a ratio (as %), per second, US dollars, or a plain count. */
export type Unit = "s" | "ratio" | "/s" | "USD" | "";

export function formatValue(value: number | undefined, unit: Unit): string {
  if (value === undefined) return "–";
  switch (unit) {
    case "s":
      return value < 1 ? `${(value * 1000).toFixed(value < 0.01 ? 1 : 0)} ms` : `${value.toFixed(2)} s`;
    case "ratio":
      return `${(value * 100).toFixed(value > 0 && value < 0.01 ? 2 : 1)} %`;
    case "/s":
      return `${value.toFixed(value < 1 ? 2 : 1)}/s`;
    case "USD":
      return `$${value.toFixed(4)}`;
    default:
      return value.toFixed(value < 10 ? 2 : 0);
  }
}

let sequence = 0;
const nextId = () => `chart-${++sequence}`;

export interface ChartOptions {
  title: string;
  unit: Unit;
  grid: Grid;
  series: TimeSeries[];
}

export function chart({ title, unit, grid, series }: ChartOptions): Html {
  const id = nextId();
  const summary = series.length
    ? html`<ul class="latest">
        ${series.map((s) => html`<li>${s.label}: ${formatValue(latest(s), unit)}</li>`)}
      </ul>`
    : html`<p class="empty">No data in this time range.</p>`;
  return html`<figure class="chart">
    <figcaption>${title}</figcaption>
    ${series.length ? html`<div class="plot" data-chart="${id}" data-kind="chart" role="img" aria-label="${title}, chart"></div>` : ""} ${summary}
    ${series.length ? jsonScript(id, { unit, x: grid.x, series }) : ""}
  </figure>`;
}

/** A small line without axes beside a number, in a table cell. */
export function sparkline(label: string, unit: Unit, grid: Grid, series: TimeSeries | undefined): Html {
  const text = formatValue(latest(series), unit);
  if (!series) return html`<span class="value">${text}</span>`;
  const id = nextId();
  return html`<span class="value">${text}</span
    ><span class="spark" data-chart="${id}" data-kind="spark" role="img" aria-label="${label}, last 15 minutes"></span
    >${jsonScript(id, { unit, x: grid.x, series: [series] })}`;
}
