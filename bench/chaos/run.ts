// One fault, measured: inject it, let the probe send through it, end it, then count by unique id
// in every backend until everything landed or the recovery deadline passed, and the copies beyond one.
import { setTimeout as sleep } from "node:timers/promises";
import type { RunningStack } from "../../src/stack/stack.ts";
import { landed, SIGNALS, type Signal } from "./count.ts";
import type { Fault } from "./faults.ts";
import { Probe } from "./probe.ts";
import { samplePeaks } from "./queues.ts";

export interface Row {
  fault: string;
  signal: Signal;
  sent: number;
  landed: number;
  lost: number;
  /** Copies beyond the first (a retried write stored twice). */
  duplicated: number;
  /** Seconds from the end of the fault until this signal had everything; undefined: never. */
  recoveredInS: number | undefined;
  /** The probe's first-attempt intake latency during the fault, milliseconds. */
  intakeP99Ms: number;
  intakeMaxMs: number;
  /** The largest its collector queue grew during the fault, bytes (on disk). */
  peakQueueBytes: number | undefined;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : 0;
};

export async function measureFault(
  stack: RunningStack,
  fault: Fault,
  { seconds = 60, recoverySeconds = 180, log = console.log, telemetryUrl = stack.endpoints.collectorTelemetry } = {},
): Promise<Row[]> {
  const service = `chaos-${fault.name.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}-${Date.now().toString(36)}`;
  const probe = new Probe(stack.endpoints.collector, service);
  const since = Date.now();
  log(`${fault.name}: injecting for ${seconds}s (probe service ${service})`);
  await fault.inject(stack);
  const queues = samplePeaks(telemetryUrl);
  const faultStart = Date.now();
  probe.start();
  await sleep((seconds * 1000) / 2);
  await fault.midway?.(stack);
  await sleep((seconds * 1000) / 2);
  const faultEnd = Date.now();
  const peaks = await queues.stop();
  await fault.end(stack);
  // The backends are back only now (a restarted OpenSearch took 80 s on a loaded 2-core box): the
  // recovery deadline counts from here, "recovered in" still from the fault's end.
  const backAt = Date.now();
  // A little traffic after the fault too, then every item must be accepted.
  await sleep(3_000);
  await probe.stop();
  const during = probe.intake.filter(({ at }) => at >= faultStart && at <= faultEnd).map(({ ms }) => ms);
  log(`${fault.name}: ended; ${probe.accepted.length} items accepted, counting in the backends`);

  const recovered: Partial<Record<Signal, number>> = {};
  let counts = await landed(stack.endpoints, service, probe.accepted, since);
  while (Date.now() - backAt < recoverySeconds * 1000) {
    for (const signal of SIGNALS) if (counts[signal].landed === probe.accepted.length) recovered[signal] ??= (Date.now() - faultEnd) / 1000;
    if (SIGNALS.every((signal) => recovered[signal] !== undefined)) break;
    await sleep(2_000);
    counts = await landed(stack.endpoints, service, probe.accepted, since);
  }
  return SIGNALS.map((signal) => ({
    fault: fault.name,
    signal,
    sent: probe.accepted.length,
    landed: counts[signal].landed,
    lost: probe.accepted.length - counts[signal].landed,
    duplicated: counts[signal].duplicated,
    recoveredInS: recovered[signal],
    intakeP99Ms: percentile(during, 99),
    intakeMaxMs: percentile(during, 100),
    peakQueueBytes: peaks[signal],
  }));
}

export function table(rows: Row[]): string {
  const header = ["fault", "signal", "sent", "landed", "lost", "dup", "recovered in", "intake p99", "intake max", "peak queue"];
  const cells = rows.map((row) => [
    row.fault,
    row.signal,
    String(row.sent),
    String(row.landed),
    String(row.lost),
    String(row.duplicated),
    row.recoveredInS === undefined ? "never" : `${row.recoveredInS.toFixed(0)} s`,
    `${row.intakeP99Ms.toFixed(0)} ms`,
    `${row.intakeMaxMs.toFixed(0)} ms`,
    row.peakQueueBytes === undefined ? "?" : `${(row.peakQueueBytes / 1024).toFixed(0)} KiB`,
  ]);
  return markdownTable(header, cells);
}

/** A Markdown table padded to its widest cells, readable as plain text. */
export function markdownTable(header: string[], cells: string[][]): string {
  const widths = header.map((_, i) => Math.max(...[header, ...cells].map((row) => row[i]!.length)));
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}
