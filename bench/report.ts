// The one table (what | bare | peer default | [before] | ours | ours ÷ peer | goal | met) and the JSON
// file, from every measurement.
import { writeFileSync } from "node:fs";
import type { CollectorResult, SignalThroughput } from "./collector.ts";
import type { FixedRate } from "./fixed-rate.ts";
import type { Freshness } from "./freshness.ts";
import type { ScrapeResult } from "./scrape.ts";
import type { Started } from "./service-startup.ts";
import { formatSpread, percentile, spread, type Spread } from "./lib/stats.ts";
import type { Throughput } from "./throughput.ts";
import type { Variant } from "./lib/targets.ts";
import { ROUTE_NAMES, ROUTES, type RouteName } from "./lib/load.ts";

export interface RouteRound {
  fixedRate: FixedRate;
  throughput: Throughput;
}

export interface ServiceRound {
  started: Started;
  /** The routes BENCH_ROUTES kept. */
  routes: Partial<Record<RouteName, RouteRound>>;
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
  /** Bare. */
  baseline: string;
  /** The OpenTelemetry getting-started default (service rows only). */
  peer?: string;
  /** Only with BENCH_BEFORE_ENTRY: the same measure of another tree. */
  before?: string;
  ours: string;
  /** Ours' median over the peer's: below 1 is ahead for costs, above 1 for throughput. */
  oursOverPeer?: string;
  goal: string;
  /** yes / no / "" when there is no goal. */
  met: string;
}

const verdict = (ok: boolean) => (ok ? "yes" : "no");
const s = (values: number[]) => spread(values);

interface Measure {
  what: string;
  pick: (round: ServiceRound) => number;
  digits: number;
  unit: string;
  /** Ours against bare, on the medians. */
  goal?: { text: string; met: (ours: number, bare: number) => boolean };
  /** Throughput: the cell also says the share of bare. */
  shareOfBare?: boolean;
}

function routeMeasures(name: RouteName, rate: number): Measure[] {
  const { label } = ROUTES[name];
  const on = (pick: (route: RouteRound) => number) => (round: ServiceRound) => (round.routes[name] ? pick(round.routes[name]) : NaN);
  // The goals of issues 9 and 23 are set on the realistic route; the trivial one shows the telemetry alone.
  const realistic = name === "cv";
  return [
    {
      what: `${label}: CPU per request at ${rate} req/s`,
      pick: on((r) => r.fixedRate.cpuPerRequestMs),
      digits: 3,
      unit: "ms",
      ...(realistic ? { goal: { text: "≤ 1.2× bare", met: (o: number, b: number) => o <= 1.2 * b } } : {}),
    },
    { what: `${label}: p50 at ${rate} req/s`, pick: on((r) => r.fixedRate.p50Ms), digits: 0, unit: "ms" },
    {
      what: `${label}: p99 at ${rate} req/s`,
      pick: on((r) => r.fixedRate.p99Ms),
      digits: 0,
      unit: "ms",
      ...(realistic ? { goal: { text: "≤ bare + 5 ms", met: (o: number, b: number) => o <= b + 5 } } : {}),
    },
    {
      what: `${label}: saturated throughput`,
      pick: on((r) => r.throughput.requestsPerSecond),
      digits: 0,
      unit: "req/s",
      shareOfBare: true,
      ...(realistic ? { goal: { text: "≥ 85 % of bare", met: (o: number, b: number) => o >= 0.85 * b } } : {}),
    },
  ];
}

function serviceMeasures(service: NonNullable<Results["service"]>): Measure[] {
  const names = ROUTE_NAMES.filter((name) => service.bare.some((round) => round.routes[name]));
  const rateOf = (name: RouteName) => Math.round(s(service.bare.map((r) => r.routes[name]?.fixedRate.achievedRate ?? NaN)).median);
  return [
    {
      what: "startup to first 200",
      pick: (r) => r.started.startupMs / 1000,
      digits: 2,
      unit: "s",
      goal: { text: "≤ bare + 0.4 s", met: (o, b) => o <= b + 0.4 },
    },
    { what: "CPU to first 200", pick: (r) => r.started.startupCpuMs / 1000, digits: 2, unit: "s" },
    { what: "RSS at rest", pick: (r) => r.started.restRssMiB, digits: 0, unit: "MiB", goal: { text: "≤ bare + 40 MiB", met: (o, b) => o <= b + 40 } },
    ...names.flatMap((name) => routeMeasures(name, rateOf(name))),
    { what: "RSS after load", pick: (r) => r.loadedRssMiB, digits: 0, unit: "MiB", goal: { text: "within 10 % of bare", met: (o, b) => o <= 1.1 * b } },
  ];
}

function serviceRows(service: NonNullable<Results["service"]>): Row[] {
  return serviceMeasures(service).map(({ what, pick, digits, unit, goal, shareOfBare }) => {
    const [bare, peer, before, ours] = (["bare", "peer", "before", "ours"] as const).map((variant) => s(service[variant].map(pick)));
    const cell = (value: Spread) =>
      shareOfBare ? `${formatSpread(value, digits, unit)}, ${((100 * value.median) / bare!.median).toFixed(0)} %` : formatSpread(value, digits, unit);
    return {
      what,
      baseline: formatSpread(bare!, digits, unit),
      ...(service.peer.length ? { peer: cell(peer!), oursOverPeer: `${(ours!.median / peer!.median).toFixed(2)}×` } : {}),
      ...(service.before.length ? { before: cell(before!) } : {}),
      ours: cell(ours!),
      goal: goal?.text ?? "",
      met: goal ? verdict(goal.met(ours!.median, bare!.median)) : "",
    };
  });
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
  const withPeer = rows.some((row) => row.peer !== undefined);
  const withBefore = rows.some((row) => row.before !== undefined);
  const header = [
    "what",
    "bare",
    ...(withPeer ? ["peer default"] : []),
    ...(withBefore ? ["before"] : []),
    "ours",
    ...(withPeer ? ["ours ÷ peer"] : []),
    "goal",
    "met",
  ];
  const cells = rows.map((row) => [
    row.what,
    row.baseline,
    ...(withPeer ? [row.peer ?? "—"] : []),
    ...(withBefore ? [row.before ?? "—"] : []),
    row.ours,
    ...(withPeer ? [row.oursOverPeer ?? "—"] : []),
    row.goal,
    row.met,
  ]);
  const line = (values: string[]) => `| ${values.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...cells.map(line)].join("\n");
}

export function writeJson(file: string, meta: Record<string, unknown>, results: Results, rows: Row[]): void {
  writeFileSync(file, `${JSON.stringify({ ...meta, rows, results }, null, 2)}\n`);
}
