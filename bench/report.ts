// The one table (what | baseline | ours | goal | met) and the JSON file, from every measurement.
import { writeFileSync } from "node:fs";
import type { CollectorResult, SignalThroughput } from "./collector.ts";
import type { FixedRate } from "./fixed-rate.ts";
import type { Freshness } from "./freshness.ts";
import type { ScrapeResult } from "./scrape.ts";
import type { Started } from "./service-startup.ts";
import { formatSpread, percentile, spread, type Spread } from "./lib/stats.ts";
import type { Throughput } from "./throughput.ts";
import type { Variant } from "./lib/targets.ts";

export interface ServiceRound {
  started: Started;
  fixedRate: FixedRate;
  throughput: Throughput;
  loadedRssMiB: number;
}

/** Each part is there unless BENCH_PARTS left it out. */
export interface Results {
  service?: Record<Variant, ServiceRound[]>;
  scrape?: { today: ScrapeResult; many: ScrapeResult };
  collectorNull?: CollectorResult;
  collectorBackends?: CollectorResult;
  freshness?: Freshness;
}

export interface Row {
  what: string;
  baseline: string;
  /** Only with BENCH_BEFORE_ENTRY: the same measure of another tree. */
  before?: string;
  ours: string;
  goal: string;
  /** yes / no / "" when there is no goal. */
  met: string;
}

const verdict = (ok: boolean) => (ok ? "yes" : "no");
const s = (values: number[]) => spread(values);

function serviceRows(service: NonNullable<Results["service"]>): Row[] {
  const rows = serviceRowsOf(service.bare, service.ours);
  if (service.before.length === 0) return rows;
  const before = serviceRowsOf(service.bare, service.before);
  return rows.map((row, i) => ({ ...row, before: before[i]!.ours }));
}

function serviceRowsOf(bare: ServiceRound[], ours: ServiceRound[]): Row[] {
  const both = (pick: (round: ServiceRound) => number) => [s(bare.map(pick)), s(ours.map(pick))] as [Spread, Spread];
  const [startB, startO] = both((r) => r.started.startupMs / 1000);
  const [cpuStartB, cpuStartO] = both((r) => r.started.startupCpuMs / 1000);
  const [restB, restO] = both((r) => r.started.restRssMiB);
  const [cpuB, cpuO] = both((r) => r.fixedRate.cpuPerRequestMs);
  const [p50B, p50O] = both((r) => r.fixedRate.p50Ms);
  const [p99B, p99O] = both((r) => r.fixedRate.p99Ms);
  const [rpsB, rpsO] = both((r) => r.throughput.requestsPerSecond);
  const [loadB, loadO] = both((r) => r.loadedRssMiB);
  const rate = Math.round(s(bare.map((r) => r.fixedRate.achievedRate)).median);
  return [
    {
      what: "startup to first 200",
      baseline: formatSpread(startB, 2, "s"),
      ours: formatSpread(startO, 2, "s"),
      goal: "≤ bare + 0.4 s",
      met: verdict(startO.median <= startB.median + 0.4),
    },
    { what: "CPU to first 200", baseline: formatSpread(cpuStartB, 2, "s"), ours: formatSpread(cpuStartO, 2, "s"), goal: "", met: "" },
    {
      what: "RSS at rest",
      baseline: formatSpread(restB, 0, "MiB"),
      ours: formatSpread(restO, 0, "MiB"),
      goal: "≤ bare + 40 MiB",
      met: verdict(restO.median <= restB.median + 40),
    },
    {
      what: `CPU per request at ${rate} req/s`,
      baseline: formatSpread(cpuB, 2, "ms"),
      ours: formatSpread(cpuO, 2, "ms"),
      goal: "≤ 1.2× bare",
      met: verdict(cpuO.median <= 1.2 * cpuB.median),
    },
    { what: `p50 at ${rate} req/s`, baseline: formatSpread(p50B, 0, "ms"), ours: formatSpread(p50O, 0, "ms"), goal: "", met: "" },
    {
      what: `p99 at ${rate} req/s`,
      baseline: formatSpread(p99B, 0, "ms"),
      ours: formatSpread(p99O, 0, "ms"),
      goal: "≤ bare + 5 ms",
      met: verdict(p99O.median <= p99B.median + 5),
    },
    {
      what: "saturated throughput",
      baseline: formatSpread(rpsB, 0, "req/s"),
      ours: `${formatSpread(rpsO, 0, "req/s")}, ${((100 * rpsO.median) / rpsB.median).toFixed(0)} %`,
      goal: "≥ 85 % of bare",
      met: verdict(rpsO.median >= 0.85 * rpsB.median),
    },
    {
      what: "RSS after load",
      baseline: formatSpread(loadB, 0, "MiB"),
      ours: formatSpread(loadO, 0, "MiB"),
      goal: "within 10 % of bare",
      met: verdict(loadO.median <= 1.1 * loadB.median),
    },
  ];
}

function scrapeRow(label: string, result: ScrapeResult): Row {
  return {
    what: `/metrics scrape, ${result.series} series (${label})`,
    baseline: "—",
    ours: `${formatSpread(result.scrapeMs, 1, "ms")}; event-loop delay max ${formatSpread(result.eventLoopDelayMaxMs, 1, "ms")}`,
    goal: "",
    met: "",
  };
}

/** Below a busy core the generator was the limit: the CPU per item says what a whole core would take. */
function signalText(t: SignalThroughput): string {
  const perCore = t.cpuMsPer1k > 0 ? `, ≈ ${Math.round(1e6 / t.cpuMsPer1k / 1000)}k/s per core` : "";
  return `${Math.round(t.itemsPerSecond)}/s (core ${t.coreBusyPercent.toFixed(0)} % busy${perCore}), refused ${t.refused}, send failed ${t.sendFailed}, ${t.cpuMsPer1k.toFixed(1)} ms CPU/1k`;
}

function collectorRows(label: string, result: CollectorResult): Row[] {
  return [
    { what: `collector → ${label}: spans`, baseline: "—", ours: signalText(result.traces), goal: "0 refused", met: verdict(result.traces.refused === 0) },
    { what: `collector → ${label}: logs`, baseline: "—", ours: signalText(result.logs), goal: "0 refused", met: verdict(result.logs.refused === 0) },
    {
      what: `collector → ${label}: metric points`,
      baseline: "—",
      ours: signalText(result.metrics),
      goal: "0 refused",
      met: verdict(result.metrics.refused === 0),
    },
    { what: `collector → ${label}: RSS after`, baseline: "—", ours: `${result.rssMiB.toFixed(0)} MiB`, goal: "", met: "" },
  ];
}

function freshnessRow(what: string, seconds: number[], goalS: number): Row {
  const lost = seconds.filter(Number.isNaN).length;
  const p50 = percentile(seconds, 50);
  const p95 = lost ? Infinity : percentile(seconds, 95);
  const text = `p50 ${p50.toFixed(1)} s, p95 ${p95.toFixed(1)} s, max ${Math.max(...seconds.filter(Number.isFinite)).toFixed(1)} s (n=${seconds.length}${lost ? `, ${lost} never` : ""})`;
  return { what, baseline: "—", ours: text, goal: `p95 ≤ ${goalS} s`, met: verdict(p95 <= goalS) };
}

export function rowsOf({ service, scrape, collectorNull, collectorBackends, freshness }: Results): Row[] {
  return [
    ...(service ? serviceRows(service) : []),
    ...(scrape ? [scrapeRow("today", scrape.today), scrapeRow("~2,000", scrape.many)] : []),
    ...(collectorNull ? collectorRows("null sink", collectorNull) : []),
    ...(collectorBackends ? collectorRows("real backends", collectorBackends) : []),
    ...(freshness
      ? [
          freshnessRow("request → trace of 3 services in Jaeger", freshness.traceS, 2),
          freshnessRow("request → its logs searchable", freshness.logsS, 2),
          freshnessRow("request → counted in Prometheus (scrape)", freshness.scrapeS, 15),
          freshnessRow("request → counted in Prometheus (remote write)", freshness.remoteWriteS, 15),
        ]
      : []),
  ];
}

export function table(rows: Row[]): string {
  const withBefore = rows.some((row) => row.before !== undefined);
  const header = withBefore ? ["what", "baseline", "before", "ours", "goal", "met"] : ["what", "baseline", "ours", "goal", "met"];
  const cells = rows.map((row) => [row.what, row.baseline, ...(withBefore ? [row.before ?? "—"] : []), row.ours, row.goal, row.met]);
  const line = (values: string[]) => `| ${values.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...cells.map(line)].join("\n");
}

export function writeJson(file: string, meta: Record<string, unknown>, results: Results, rows: Row[]): void {
  writeFileSync(file, `${JSON.stringify({ ...meta, rows, results }, null, 2)}\n`);
}
