// What the abuse suite watches through a case: the collector's and Prometheus's resident memory
// (/proc), Prometheus's head series (prometheus_tsdb_head_series on its own /metrics, fresher than a
// scrape), the alerts Prometheus holds (ALERTS, pending or firing), and the collector's own counters of
// what it refused, dropped or limited (its telemetry on 8888), as deltas over the case.
import { setTimeout as sleep } from "node:timers/promises";
import type { RunningStack } from "../../../src/stack/stack.ts";
import { queryInstant } from "../../../src/backends/index.ts";
import { rssMiB } from "../../lib/proc.ts";

export interface Watched {
  collectorRssMiB: { before: number; peak: number };
  prometheusRssMiB: { before: number; peak: number };
  headSeries: { before: number; peak: number };
  /** Alerts that were not already there before the case: "name (pending|firing)". */
  alerts: string[];
  /** The collector's refused / dropped / limit counters that moved, by metric name (summed over labels). */
  counted: Record<string, number>;
}

/** Counters that say a client was refused or its data cut: the receivers', processors' and any limit's. */
const COUNTED = /^otelcol_\w*(refused|dropped|overflow|limit|truncat|discard)\w*$/;

const text = (url: string) =>
  fetch(url, { signal: AbortSignal.timeout(10_000) })
    .then((r) => r.text())
    .catch(() => "");

async function headSeries(prometheus: string): Promise<number> {
  return Number(/^prometheus_tsdb_head_series (\S+)$/m.exec(await text(`${prometheus}/metrics`))?.[1] ?? NaN);
}

export async function collectorCounters(telemetryUrl: string): Promise<Map<string, number>> {
  const counters = new Map<string, number>();
  for (const line of (await text(`${telemetryUrl}/metrics`)).split("\n")) {
    const match = /^(\w+)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!match || !COUNTED.test(match[1]!)) continue;
    counters.set(match[1]!, (counters.get(match[1]!) ?? 0) + Number(match[3]));
  }
  return counters;
}

async function alerts(prometheus: string): Promise<string[]> {
  const samples = await queryInstant(prometheus, "ALERTS").catch(() => []);
  return samples.map(({ labels }) => `${labels.alertname} (${labels.alertstate})`);
}

const pidOf = (stack: RunningStack, name: string) => stack.running.find(({ component }) => component.name === name)?.child.pid;
const rssOf = (stack: RunningStack, name: string) => {
  const pid = pidOf(stack, name);
  try {
    return pid === undefined ? 0 : rssMiB(pid);
  } catch {
    return 0; // between a crash and the supervisor's restart
  }
};

/** Starts watching now; stop() gives the peaks since, and what moved. */
export async function watch(stack: RunningStack, telemetryUrl: string): Promise<{ stop(): Promise<Watched> }> {
  const prometheus = stack.endpoints.prometheus;
  const [countersBefore, alertsBefore, seriesBefore] = await Promise.all([collectorCounters(telemetryUrl), alerts(prometheus), headSeries(prometheus)]);
  const watched: Watched = {
    collectorRssMiB: { before: rssOf(stack, "collector"), peak: 0 },
    prometheusRssMiB: { before: rssOf(stack, "prometheus"), peak: 0 },
    headSeries: { before: seriesBefore, peak: seriesBefore },
    alerts: [],
    counted: {},
  };
  const seen = new Set<string>();
  let running = true;
  const loop = (async () => {
    for (let tick = 0; running; tick++) {
      watched.collectorRssMiB.peak = Math.max(watched.collectorRssMiB.peak, rssOf(stack, "collector"));
      watched.prometheusRssMiB.peak = Math.max(watched.prometheusRssMiB.peak, rssOf(stack, "prometheus"));
      // Every second: Prometheus's own pages cost it more than /proc costs us.
      if (tick % 2 === 0) {
        const [series, now] = await Promise.all([headSeries(prometheus), alerts(prometheus)]);
        if (series > watched.headSeries.peak) watched.headSeries.peak = series;
        for (const alert of now) if (!alertsBefore.includes(alert)) seen.add(alert);
      }
      await sleep(500);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      // A restarted collector starts its counters at 0: what it counted since is all of it.
      for (const [name, after] of await collectorCounters(telemetryUrl)) {
        const delta = after >= (countersBefore.get(name) ?? 0) ? after - (countersBefore.get(name) ?? 0) : after;
        if (delta > 0) watched.counted[name.replace(/^otelcol_/, "").replace(/_total$/, "")] = delta;
      }
      watched.alerts = [...seen].sort();
      return watched;
    },
  };
}
