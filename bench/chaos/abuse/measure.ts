// One hostile case, measured: a canary (the chaos probe under a service name of its own: one span,
// one log record and one gauge point a tick, each counted by id in Jaeger, the store and Prometheus)
// sends before, during and after the case; then how many of its items were refused (any non-2xx,
// retried until taken) or never landed, and its freshness: seconds from its last item until every
// item was in every backend. Beside it what watch.ts saw, and whether the collector stayed up.
import { loadavg } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import type { RunningStack } from "../../../src/stack/stack.ts";
import { pollUntil } from "../../../src/lifecycle/poll.ts";
import { postOtlp } from "../../../test/support/otlp-json.ts";
import { landed, SIGNALS } from "../count.ts";
import { Probe } from "../probe.ts";
import { markdownTable } from "../run.ts";
import type { AbuseCase, CaseResult } from "./cases.ts";
import { watch, type Watched } from "./watch.ts";

export interface AbuseRow extends CaseResult, Watched {
  name: string;
  load: string;
  canary: { sent: number; refused: number; lost: number; duplicated: number; freshS: number | undefined };
  collectorRestarts: number;
  /** The machine's 1-minute load average when the case ended (2 cores, shared). */
  loadAvg: number;
}

const restartsOf = (stack: RunningStack) => stack.running.find(({ component }) => component.name === "collector")?.restarts ?? 0;

/** Until the collector takes an (empty) export again: the last case's memory is behind it. */
export async function quiet(stack: RunningStack, timeoutMs = 180_000): Promise<void> {
  await pollUntil(async () => (await postOtlp(stack.endpoints.collector, "traces", { resourceSpans: [] }, 5_000)) === 200, "the collector to take an export", {
    timeoutMs,
    intervalMs: 1_000,
  });
}

export async function measureCase(
  stack: RunningStack,
  abuse: Pick<AbuseCase, "name" | "load" | "settleSeconds" | "run">,
  { telemetryUrl = stack.endpoints.collectorTelemetry, settleSeconds = abuse.settleSeconds ?? 8, freshnessTimeoutS = 120, log = console.log } = {},
): Promise<AbuseRow> {
  await quiet(stack);
  const service = `abuse-canary-${abuse.name.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}-${Date.now().toString(36)}`;
  const canary = new Probe(stack.endpoints.collector, service);
  const since = Date.now();
  const restarts = restartsOf(stack);
  const watcher = await watch(stack, telemetryUrl);
  canary.start();
  await pollUntil(() => canary.accepted.length >= 5, `canary ${service} to be taken 5 times`, { timeoutMs: 60_000, intervalMs: 200 });
  log(`${abuse.name}: ${abuse.load} (canary ${service})`);
  const result = await abuse.run(stack);
  log(`${abuse.name}: answered ${JSON.stringify(result.answers)}; watching ${settleSeconds} s more`);
  await sleep(settleSeconds * 1000);
  await canary.stop();
  const watched = await watcher.stop();
  const stopped = Date.now();
  const items = canary.accepted;
  let counts = await landed(stack.endpoints, service, items, since);
  const freshS = await pollUntil(
    async () => {
      counts = await landed(stack.endpoints, service, items, since);
      return SIGNALS.every((signal) => counts[signal].landed === items.length) && (Date.now() - stopped) / 1000;
    },
    `every canary item in every backend`,
    { timeoutMs: freshnessTimeoutS * 1000, intervalMs: 1_000 },
  ).catch(() => undefined);
  const lost = Math.max(...SIGNALS.map((signal) => items.length - counts[signal].landed));
  const duplicated = Math.max(...SIGNALS.map((signal) => counts[signal].duplicated));
  return {
    name: abuse.name,
    load: abuse.load,
    ...result,
    ...watched,
    canary: { sent: items.length, refused: canary.refusals.length, lost, duplicated, freshS },
    collectorRestarts: restartsOf(stack) - restarts,
    loadAvg: loadavg()[0]!,
  };
}

const mib = ({ before, peak }: { before: number; peak: number }) => `${before.toFixed(0)} → ${peak.toFixed(0)}`;
const k = (n: number) => (n >= 10_000 ? `${(n / 1000).toFixed(1)}k` : String(n));

export function abuseTable(rows: AbuseRow[]): string {
  const header = [
    "case",
    "load",
    "answers",
    "collector MiB",
    "Prometheus MiB",
    "head series",
    "canary refused/lost/dup of",
    "canary fresh",
    "collector up",
    "load",
  ];
  const cells = rows.map((row) => [
    row.name,
    row.load,
    Object.entries(row.answers)
      .map(([status, n]) => `${status === "0" ? "none" : status} ×${n}`)
      .join(", "),
    mib(row.collectorRssMiB),
    mib(row.prometheusRssMiB),
    `${k(row.headSeries.before)} → ${k(row.headSeries.peak)}`,
    `${row.canary.refused} / ${row.canary.lost} / ${row.canary.duplicated} of ${row.canary.sent}`,
    row.canary.freshS === undefined ? "never" : `${row.canary.freshS.toFixed(0)} s`,
    row.collectorRestarts ? `restarted ×${row.collectorRestarts}` : "yes",
    row.loadAvg.toFixed(1),
  ]);
  return markdownTable(header, cells);
}

/** Per case, what the table has no room for: its own figures, the counters that moved, the alerts. */
export function abuseNotes(rows: AbuseRow[]): string {
  return rows
    .map((row) => {
      const counted = Object.entries(row.counted).map(([name, n]) => `${name} +${n}`);
      return [
        `- ${row.name}: ${row.notes.join("; ") || "—"}`,
        `  - counted: ${counted.join(", ") || "nothing"}`,
        `  - alerts: ${row.alerts.join(", ") || "none"}`,
      ].join("\n");
    })
    .join("\n");
}
