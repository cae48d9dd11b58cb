// Reads the collector's own counters (service::telemetry, Prometheus format): items accepted and
// refused by the OTLP receiver, and items exporters failed to send, per signal.
export type Signal = "spans" | "log_records" | "metric_points";
export const SIGNALS: Signal[] = ["spans", "log_records", "metric_points"];

export interface CollectorCounts {
  accepted: Record<Signal, number>;
  refused: Record<Signal, number>;
  sendFailed: Record<Signal, number>;
}

const zero = (): Record<Signal, number> => ({ spans: 0, log_records: 0, metric_points: 0 });

/** Sums `otelcol_<stage>_<outcome>_<signal>[_total]` over its series (only the OTLP receiver's for receivers). */
export function parseCollectorCounts(exposition: string): CollectorCounts {
  const counts: CollectorCounts = { accepted: zero(), refused: zero(), sendFailed: zero() };
  const pattern = /^otelcol_(receiver_accepted|receiver_refused|exporter_send_failed)_(spans|log_records|metric_points)(?:_total)?(\{[^}]*\})? ([0-9.e+-]+)$/;
  for (const line of exposition.split("\n")) {
    const match = pattern.exec(line);
    if (!match) continue;
    const [, what, signal, labels = "", value] = match;
    if (what !== "exporter_send_failed" && !labels.includes('receiver="otlp"')) continue;
    const bucket = what === "receiver_accepted" ? counts.accepted : what === "receiver_refused" ? counts.refused : counts.sendFailed;
    bucket[signal as Signal] += Number(value);
  }
  return counts;
}

export async function collectorCounts(telemetryUrl: string): Promise<CollectorCounts> {
  return parseCollectorCounts(await (await fetch(telemetryUrl)).text());
}
