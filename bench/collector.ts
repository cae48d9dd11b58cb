// The collector alone: our distribution with the gateway pipeline on the measured core, telemetrygen
// on the load core at full speed, one signal at a time. Reported per signal: items/s the OTLP
// receiver accepted, items refused, items exporters failed to send, collector CPU per 1k items and
// how busy its core was (under ~90 % the generator, not the collector, was the limit); then RSS.
// Into a null sink (collector.null.yaml) here; into the real backends from freshness.ts's stack.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { collectorComponent } from "../src/stack/components/collector.ts";
import { freePort } from "../test/support/ports.ts";
import { collectorCounts, type Signal } from "./lib/collector-metrics.ts";
import type { BenchOptions } from "./lib/options.ts";
import { cpuMs, rssMiB, spawnMeasured, stopProcess } from "./lib/proc.ts";
import { generate, type GeneratedSignal } from "./lib/telemetrygen.ts";
import { waitForOk } from "./lib/wait.ts";

export interface SignalThroughput {
  itemsPerSecond: number;
  refused: number;
  sendFailed: number;
  cpuMsPer1k: number;
  coreBusyPercent: number;
}

export interface CollectorResult {
  traces: SignalThroughput;
  logs: SignalThroughput;
  metrics: SignalThroughput;
  rssMiB: number;
}

export interface CollectorUnderTest {
  pid: number;
  /** The collector's own metrics: .../metrics */
  telemetryUrl: string;
  /** host:port of its OTLP gRPC receiver. */
  otlpGrpc: string;
}

const ITEMS: Record<GeneratedSignal, Signal> = { traces: "spans", logs: "log_records", metrics: "metric_points" };

export async function loadCollector(collector: CollectorUnderTest, telemetrygen: string, options: BenchOptions): Promise<CollectorResult> {
  const result = {} as CollectorResult;
  for (const signal of ["traces", "logs", "metrics"] as const) {
    const item = ITEMS[signal];
    const before = await collectorCounts(collector.telemetryUrl);
    const cpuBefore = cpuMs(collector.pid);
    const started = performance.now();
    await generate(telemetrygen, signal, collector.otlpGrpc, options.generatorS);
    const generatingMs = performance.now() - started;
    await sleep(1_500); // the batch processor's timeout, so exports of the tail are counted
    const after = await collectorCounts(collector.telemetryUrl);
    const cpu = cpuMs(collector.pid) - cpuBefore;
    const accepted = after.accepted[item] - before.accepted[item];
    result[signal] = {
      itemsPerSecond: accepted / (generatingMs / 1000),
      refused: after.refused[item] - before.refused[item],
      sendFailed: after.sendFailed[item] - before.sendFailed[item],
      cpuMsPer1k: (cpu / Math.max(1, accepted)) * 1000,
      coreBusyPercent: (cpu / (generatingMs + 1_500)) * 100,
    };
  }
  result.rssMiB = rssMiB(collector.pid);
  return result;
}

/** The gateway config with the null overlay, on free ports, on the measured core. */
export async function measureCollectorAlone(binary: string, telemetrygen: string, options: BenchOptions): Promise<CollectorResult> {
  const ports = {
    otlpGrpcPort: await freePort(),
    otlpHttpPort: await freePort(),
    healthPort: await freePort(),
    telemetryPort: await freePort(),
    prometheusPort: await freePort(),
  };
  const component = collectorComponent({ binary, overlays: [fileURLToPath(new URL("./collector.null.yaml", import.meta.url))], ...ports });
  const env = {
    ...process.env,
    ...component.env,
    COLLECTOR_ZPAGES_PORT: String(await freePort()),
    COLLECTOR_PPROF_PORT: String(await freePort()),
    COLLECTOR_STORAGE_DIR: mkdtempSync(join(tmpdir(), "bench-collector-")),
  };
  const child = spawnMeasured(component.command, component.args, { env, stdio: ["ignore", "ignore", "ignore"] });
  try {
    await waitForOk(component.healthUrl!, { child, intervalMs: 100 });
    const collector = { pid: child.pid!, telemetryUrl: `http://127.0.0.1:${ports.telemetryPort}/metrics`, otlpGrpc: `127.0.0.1:${ports.otlpGrpcPort}` };
    return await loadCollector(collector, telemetrygen, options);
  } finally {
    await stopProcess(child);
  }
}
