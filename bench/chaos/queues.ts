// The collector's own view of its backend queues (otelcol_exporter_queue_size, in bytes with
// `sizer: bytes`), sampled through a fault: the peak is the disk a queue took for it.
import { setTimeout as sleep } from "node:timers/promises";
import type { Signal } from "./count.ts";

/** Which exporter's queue, and which of its signals, holds each row's items. */
const QUEUE_OF: Record<Signal, string> = {
  "traces→jaeger": 'exporter="otlp_grpc/jaeger",data_type="traces"',
  "traces→store": 'exporter="otlp_http/store",data_type="traces"',
  "logs→store": 'exporter="otlp_http/store",data_type="logs"',
  "metrics→prometheus": 'exporter="otlp_http/remotewrite",data_type="metrics"',
};

async function queueBytes(telemetryUrl: string): Promise<Partial<Record<Signal, number>>> {
  const text = await fetch(`${telemetryUrl}/metrics`, { signal: AbortSignal.timeout(2_000) })
    .then((r) => r.text())
    .catch(() => "");
  const result: Partial<Record<Signal, number>> = {};
  for (const [signal, labels] of Object.entries(QUEUE_OF) as Array<[Signal, string]>) {
    const line = text.split("\n").find((l) => l.startsWith("otelcol_exporter_queue_size{") && labels.split(",").every((label) => l.includes(label)));
    if (line) result[signal] = Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return result;
}

/** Samples every second until stopped; resolves with each queue's peak in bytes. */
export function samplePeaks(telemetryUrl: string): { stop(): Promise<Partial<Record<Signal, number>>> } {
  const peaks: Partial<Record<Signal, number>> = {};
  let running = true;
  const loop = (async () => {
    while (running) {
      for (const [signal, bytes] of Object.entries(await queueBytes(telemetryUrl)) as Array<[Signal, number]>)
        peaks[signal] = Math.max(peaks[signal] ?? 0, bytes);
      await sleep(1_000);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return peaks;
    },
  };
}
