// Time series from Prometheus's range queries, laid on one grid of timestamps so a page can hand
// them to a chart as columns: missing points and NaN become gaps (null).
import { queryRange as rangeQuery } from "../../backends/index.ts";

export interface Grid {
  start: number;
  end: number;
  step: number;
  /** Unix seconds of every point. */
  x: number[];
}

export interface TimeSeries {
  label: string;
  values: Array<number | null>;
}

type Metric = Record<string, string>;

/** `points` steps ending now, the start aligned to the step so that reloads hit the same timestamps. */
export function gridOf(seconds: number, points = 90, now = Date.now() / 1000): Grid {
  const step = Math.max(5, Math.round(seconds / points));
  const end = Math.floor(now / step) * step;
  const start = end - step * points;
  return { start, end, step, x: Array.from({ length: points + 1 }, (_, i) => start + i * step) };
}

export async function queryRange(prometheusUrl: string, query: string, grid: Grid, labelOf: (metric: Metric) => string): Promise<TimeSeries[]> {
  const series = await rangeQuery(prometheusUrl, query, { startS: grid.start, endS: grid.end, stepS: grid.step });
  return series
    .map(({ labels, points }) => {
      const column: Array<number | null> = grid.x.map(() => null);
      for (const [time, value] of points) {
        const index = Math.round((time - grid.start) / grid.step);
        if (index >= 0 && index < column.length && Number.isFinite(value)) column[index] = value;
      }
      return { label: labelOf(labels), values: column };
    })
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** The newest point of a series that has one. */
export function latest(series: TimeSeries | undefined): number | undefined {
  const values = series?.values ?? [];
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null) return values[i]!;
  return undefined;
}

/** A label value inside a PromQL selector (the page's own input never reaches one unchecked). */
export const promLabel = (value: string) => JSON.stringify(value);
