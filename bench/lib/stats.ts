// Medians and spreads: every figure in the report is a set of runs, never a single one.

export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export function spread(values: number[]): Spread {
  const runs = values.filter((value) => Number.isFinite(value));
  if (runs.length === 0) return { median: NaN, min: NaN, max: NaN, runs };
  const sorted = [...runs].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, runs };
}

/** The p-th percentile (0..100) by nearest rank. */
export function percentile(values: number[], p: number): number {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** "0.78–0.91 s (median 0.82)", or one value when min and max agree at that precision. */
export function formatSpread({ median, min, max }: Spread, digits: number, unit: string): string {
  if (!Number.isFinite(median)) return "n/a";
  const f = (value: number) => value.toFixed(digits);
  const suffix = unit ? ` ${unit}` : "";
  return f(min) === f(max) ? `${f(median)}${suffix}` : `${f(min)}–${f(max)}${suffix} (median ${f(median)})`;
}
