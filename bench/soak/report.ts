// From the soak's samples: growth per hour of each part's RSS and of each backend's disk, the days
// until each cap at that rate, and the run's errors and restarts, as Markdown tables (docs/reliability.md).
import { formatBytes, type CappedPart } from "../../src/config/disk-budget.ts";
import type { DiskPart } from "../../src/stack/disk.ts";
import type { Sample } from "./sample.ts";

const HOUR = 3600;

/** Least-squares slope of value over time, per hour; 0 with fewer than two points. */
export function slopePerHour(points: Array<[seconds: number, value: number]>): number {
  if (points.length < 2) return 0;
  const n = points.length;
  const meanT = points.reduce((sum, [t]) => sum + t, 0) / n;
  const meanV = points.reduce((sum, [, v]) => sum + v, 0) / n;
  const num = points.reduce((sum, [t, v]) => sum + (t - meanT) * (v - meanV), 0);
  const den = points.reduce((sum, [t]) => sum + (t - meanT) ** 2, 0);
  return den ? (num / den) * HOUR : 0;
}

export interface PartRow {
  part: string;
  /** RSS at the baseline (10 minutes in, or a sixth of a shorter run) and at the end, MiB. */
  rssBase: number;
  rssEnd: number;
  /** (end − baseline) / baseline. */
  rssGrowth: number;
  rssPerHour: number;
  /** The same for anonymous memory (no mapped files), MiB. */
  anonBase: number;
  anonEnd: number;
  anonGrowth: number;
  /** Mean CPU over the run, in % of one core. */
  cpuPercent: number;
  restarts: number;
}

export interface DiskRow {
  part: DiskPart;
  end: number;
  perHour: number;
  cap?: number;
  /** At this rate; Infinity when it does not grow. */
  daysToCap?: number;
}

export interface SoakSummary {
  minutes: number;
  parts: PartRow[];
  disk: DiskRow[];
  /** Peak of each collector queue over the run, bytes. */
  queuePeaks: Record<string, number>;
  storeDocsPerHour: number;
  errors: Sample["errors"];
  restarts: number;
}

export function summarize(samples: Sample[], caps: Record<CappedPart, number>): SoakSummary {
  const first = samples[0]!;
  const last = samples.at(-1)!;
  const baseAt = Math.min(600, last.at / 6);
  const base = samples.find((sample) => sample.at >= baseAt) ?? first;
  const parts = Object.keys(last.parts).map((part): PartRow => {
    const rssBase = base.parts[part]?.rssMiB ?? NaN;
    const rssEnd = last.parts[part]!.rssMiB;
    const anonBase = base.parts[part]?.anonMiB ?? NaN;
    const anonEnd = last.parts[part]!.anonMiB;
    // CPU: the sum of each interval's increase (a restarted part's counter starts again at 0).
    let cpuMs = 0;
    for (let i = 1; i < samples.length; i++) cpuMs += Math.max(0, (samples[i]!.parts[part]?.cpuMs ?? 0) - (samples[i - 1]!.parts[part]?.cpuMs ?? 0));
    return {
      part,
      rssBase,
      rssEnd,
      rssGrowth: (rssEnd - rssBase) / rssBase,
      rssPerHour: slopePerHour(samples.filter((s) => s.at >= base.at && s.parts[part]).map((s) => [s.at, s.parts[part]!.rssMiB])),
      anonBase,
      anonEnd,
      anonGrowth: (anonEnd - anonBase) / anonBase,
      cpuPercent: last.at > first.at ? cpuMs / 10 / (last.at - first.at) : 0,
      restarts: last.restarts[part] ?? 0,
    };
  });
  const disk = (Object.keys(last.disk) as DiskPart[]).map((part): DiskRow => {
    const perHour = slopePerHour(samples.map((s) => [s.at, s.disk[part]]));
    const cap = part === "other" ? undefined : caps[part];
    const daysToCap = cap === undefined ? undefined : perHour > 0 ? Math.max(0, cap - last.disk[part]) / (perHour * 24) : Infinity;
    return { part, end: last.disk[part], perHour, cap, daysToCap };
  });
  const queuePeaks: Record<string, number> = {};
  for (const sample of samples) for (const [queue, bytes] of Object.entries(sample.queues)) queuePeaks[queue] = Math.max(queuePeaks[queue] ?? 0, bytes);
  return {
    minutes: Math.round(last.at / 60),
    parts,
    disk,
    queuePeaks,
    storeDocsPerHour: slopePerHour(samples.filter((s) => Number.isFinite(s.storeDocs)).map((s) => [s.at, s.storeDocs])),
    errors: last.errors,
    restarts: parts.reduce((sum, row) => sum + row.restarts, 0),
  };
}

function markdown(header: string[], rows: string[][]): string {
  const widths = header.map((_, i) => Math.max(header[i]!.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

const percent = (ratio: number) => `${ratio >= 0 ? "+" : ""}${(ratio * 100).toFixed(1)} %`;
const days = (value?: number) => (value === undefined ? "no cap" : value === Infinity ? "not growing" : value > 3650 ? "> 10 years" : `${value.toFixed(1)} d`);

export function formatSummary(summary: SoakSummary): string {
  const parts = markdown(
    ["part", "RSS at 10 min", "RSS at end", "growth", "RSS/h", "anon at 10 min", "anon at end", "anon growth", "CPU", "restarts"],
    summary.parts.map((row) => [
      row.part,
      `${row.rssBase.toFixed(0)} MiB`,
      `${row.rssEnd.toFixed(0)} MiB`,
      percent(row.rssGrowth),
      `${row.rssPerHour >= 0 ? "+" : ""}${row.rssPerHour.toFixed(1)} MiB`,
      `${row.anonBase.toFixed(0)} MiB`,
      `${row.anonEnd.toFixed(0)} MiB`,
      percent(row.anonGrowth),
      `${row.cpuPercent.toFixed(1)} %`,
      String(row.restarts),
    ]),
  );
  const disk = markdown(
    ["disk", "at end", "growth/h", "per day", "cap", "cap reached in"],
    summary.disk.map((row) => [
      row.part,
      formatBytes(row.end),
      formatBytes(row.perHour),
      formatBytes(row.perHour * 24),
      row.cap === undefined ? "—" : formatBytes(row.cap),
      days(row.daysToCap),
    ]),
  );
  const queues = Object.entries(summary.queuePeaks)
    .map(([queue, bytes]) => `${queue} ${formatBytes(bytes)}`)
    .join(", ");
  const { requests, refused, sendFailed } = summary.errors;
  return [
    parts,
    "",
    disk,
    "",
    `Store documents: +${Math.round(summary.storeDocsPerHour)}/h. Queue peaks: ${queues || "none seen"}.`,
    `Errors: ${requests} failed requests, ${refused} items refused by the collector, ${sendFailed} failed exports. Restarts: ${summary.restarts}.`,
  ].join("\n");
}
