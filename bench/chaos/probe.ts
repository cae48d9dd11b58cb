// A foreign OTLP client for the chaos suite: sends one span, one log record and one gauge point per
// tick, each item with a unique id (its sequence number), retries an item until the collector
// accepts it (as an SDK retries a 503), and times every first attempt (the intake latency).
import { setTimeout as sleep } from "node:timers/promises";
import { gaugePayload, logsPayload, newSpanId, newTraceId, postOtlp, tracesPayload } from "../../test/support/otlp-json.ts";

export const PROBE_METRIC = "chaos_probe";

export interface ProbeItem {
  seq: number;
  traceId: string;
  spanId: string;
}

export class Probe {
  readonly service: string;
  readonly accepted: ProbeItem[] = [];
  /** Milliseconds for the first attempt of each request, with when it was made. */
  readonly intake: Array<{ at: number; ms: number }> = [];
  /** Every answer that was not a 2xx (0: no connection or timed out), retried until taken. */
  readonly refusals: number[] = [];
  private readonly url: string;
  private readonly ratePerSecond: number;
  private running = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(url: string, service: string, ratePerSecond = 5) {
    this.url = url;
    this.service = service;
    this.ratePerSecond = ratePerSecond;
  }

  /** Sends until stop(); ticks keep their pace even while a request hangs. */
  start(): void {
    this.running = true;
    void (async () => {
      for (let seq = 0; this.running; seq++) {
        const send = this.send(seq);
        this.inFlight.add(send);
        void send.finally(() => this.inFlight.delete(send));
        await sleep(1000 / this.ratePerSecond);
      }
    })();
  }

  /** Stops ticking and waits until every item sent so far was accepted. */
  async stop(): Promise<void> {
    this.running = false;
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  private async send(seq: number): Promise<void> {
    const item = { seq, traceId: newTraceId(), spanId: newSpanId() };
    const attributes = { "chaos.seq": seq };
    const payloads = [
      ["traces", tracesPayload(this.service, [{ ...item, attributes }])],
      ["logs", logsPayload(this.service, [{ traceId: item.traceId, body: `chaos probe ${seq}`, attributes }])],
      ["metrics", gaugePayload(this.service, PROBE_METRIC, [{ value: seq, attributes }])],
    ] as const;
    await Promise.all(
      payloads.map(async ([signal, payload]) => {
        for (let attempt = 0; ; attempt++) {
          const started = performance.now();
          const status = await postOtlp(this.url, signal, payload);
          if (attempt === 0) this.intake.push({ at: Date.now(), ms: performance.now() - started });
          if (status >= 200 && status < 300) return;
          this.refusals.push(status);
          // Refused (503/429) or no collector: retry, as the SDKs do, until it is taken.
          await sleep(Math.min(200 * 2 ** attempt, 5_000));
        }
      }),
    );
    this.accepted.push(item);
  }
}
