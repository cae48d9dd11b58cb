// A bounded retry buffer between a batch processor and its OTLP exporter, so that a collector down or
// hung for minutes costs no spans or log records. The exporter's own retries (5 attempts, 1–5 s
// apart, within its 10 s timeout) end in a drop; here a batch that failed for a retryable reason
// (connection refused or reset, timeout, 429, 5xx) stays in memory and is sent again with backoff and
// jitter, oldest first. The processor is answered at once, so it never waits on an outage, and the
// request path never waits on either. Full: the oldest items go first, counted and warned about (at
// most once a minute, through diag). Refused for good (4xx other than 429): dropped and counted.
// Metrics need none of this: their temporality is cumulative, so the next export carries the counts.
import { diag, metrics, type Attributes, type Counter } from "@opentelemetry/api";
import { ExportResultCode, type ExportResult } from "@opentelemetry/core";
import { envNumber } from "../config/index.ts";

/** Sized for the busiest service at the demo's nominal load for well over 2 minutes (docs/reliability.md). */
export const DEFAULT_RETRY_QUEUE_SIZE = 20_000;

/** What a span or log record exporter has in common. */
export interface BatchExporter<T> {
  export(items: T[], resultCallback: (result: ExportResult) => void): void;
  shutdown(): Promise<void>;
  forceFlush(): Promise<void>;
}

export interface RetryBufferOptions {
  /** "span" or "log": names the metric (otel.sdk.processor.<signal>.processed) and the warnings. */
  signal: "span" | "log";
  /** Items held at most; beyond it the oldest are dropped. */
  maxItems: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

/** A batch refused with a 4xx other than 429 would be refused again; everything else may pass later. */
export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return !(typeof code === "number" && code >= 400 && code < 500 && code !== 429);
}

const JITTER = 0.2;
const jittered = (ms: number) => ms * (1 + (Math.random() * 2 - 1) * JITTER);

export class RetryBuffer<T> implements BatchExporter<T> {
  readonly #inner: BatchExporter<T>;
  readonly #signal: RetryBufferOptions["signal"];
  readonly #maxItems: number;
  readonly #initialBackoffMs: number;
  readonly #maxBackoffMs: number;
  readonly #batches: T[][] = [];
  #items = 0;
  #backoffMs: number;
  #sending = false;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  #idle: Array<() => void> = [];
  readonly #processed: Counter;

  constructor(inner: BatchExporter<T>, { signal, maxItems, initialBackoffMs = 1_000, maxBackoffMs = 5_000 }: RetryBufferOptions) {
    this.#inner = inner;
    this.#signal = signal;
    this.#maxItems = Math.max(1, maxItems);
    this.#initialBackoffMs = initialBackoffMs;
    this.#maxBackoffMs = maxBackoffMs;
    this.#backoffMs = initialBackoffMs;
    // Semantic conventions' SDK self-metric; error.type says why an item left without being exported.
    this.#processed = metrics.getMeter("otel-gateway.retry-buffer").createCounter(`otel.sdk.processor.${signal}.processed`, {
      unit: `{${signal}}`,
      description: `${signal === "span" ? "Spans" : "Log records"} that left the retry buffer, exported or (with error.type) dropped`,
    });
  }

  /** Items waiting to be sent again. */
  get size(): number {
    return this.#items;
  }

  export(items: T[], resultCallback: (result: ExportResult) => void): void {
    if (this.#stopped) return resultCallback({ code: ExportResultCode.FAILED, error: new Error(`${this.#signal} exporter is shut down`) });
    if (items.length) this.#enqueue(items);
    resultCallback({ code: ExportResultCode.SUCCESS });
    if (!this.#timer) this.#pump();
  }

  /** Resolves once everything buffered has been sent, an attempt failed, or after `timeoutMs`. */
  forceFlush(timeoutMs = 30_000): Promise<void> {
    if (this.#items === 0 && !this.#sending) return Promise.resolve();
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#backoffMs = 0;
    this.#pump();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.#idle.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Tries once more without waiting for the backoff; the caller bounds how long shutdown may take. */
  async shutdown(): Promise<void> {
    await this.forceFlush();
    this.#stopped = true;
    clearTimeout(this.#timer);
    if (this.#items) this.#count(this.#items, { "error.type": "shutdown" });
    await this.#inner.shutdown();
  }

  #count(items: number, attributes: Attributes = {}) {
    this.#processed.add(items, { "otel.component.type": "retry_buffer", ...attributes });
  }

  #enqueue(items: T[]) {
    this.#batches.push(items);
    this.#items += items.length;
    let dropped = 0;
    while (this.#items > this.#maxItems) {
      const oldest = this.#batches[0]!;
      const excess = Math.min(oldest.length, this.#items - this.#maxItems);
      oldest.splice(0, excess);
      if (oldest.length === 0) this.#batches.shift();
      this.#items -= excess;
      dropped += excess;
    }
    if (dropped) {
      this.#count(dropped, { "error.type": "queue_full" });
      diag.warn(`${this.#signal} retry buffer full (${this.#maxItems} items): dropped the ${dropped} oldest`);
    }
  }

  #settle() {
    if (this.#items === 0 && !this.#sending) for (const resolve of this.#idle.splice(0)) resolve();
  }

  /** Sends the oldest batch; on success the next at once, on a retryable failure after the backoff. */
  #pump() {
    if (this.#sending || this.#stopped) return;
    const batch = this.#batches[0];
    if (!batch) return this.#settle();
    this.#sending = true;
    this.#inner.export(batch, ({ code, error }) => {
      this.#sending = false;
      if (code === ExportResultCode.SUCCESS || !isRetryable(error)) {
        // The batch may have lost its oldest items to #enqueue while it was in flight.
        if (this.#batches[0] === batch) this.#batches.shift();
        this.#items -= batch.length;
        this.#count(batch.length, code === ExportResultCode.SUCCESS ? {} : { "error.type": String((error as { code?: unknown })?.code ?? "rejected") });
        if (code !== ExportResultCode.SUCCESS) diag.warn(`${this.#signal} export refused for good, dropped ${batch.length}: ${error?.message ?? error}`);
        this.#backoffMs = this.#initialBackoffMs;
        return this.#pump();
      }
      diag.warn(`${this.#signal} export failed, ${this.#items} items kept for a retry: ${error?.message ?? error}`);
      // A flush (at shutdown) has had its attempt.
      for (const resolve of this.#idle.splice(0)) resolve();
      const delay = jittered(this.#backoffMs);
      this.#backoffMs = Math.min(Math.max(this.#backoffMs * 2, this.#initialBackoffMs), this.#maxBackoffMs);
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        this.#pump();
      }, delay);
      this.#timer.unref();
    });
  }
}

/**
 * The exporter behind a retry buffer of OTEL_BSP_RETRY_QUEUE_SIZE spans / OTEL_BLRP_RETRY_QUEUE_SIZE
 * log records (named after OTEL_BSP_MAX_QUEUE_SIZE; 0 turns the buffer off).
 */
export function withRetryBuffer<T>(exporter: BatchExporter<T>, signal: RetryBufferOptions["signal"], env: NodeJS.ProcessEnv): BatchExporter<T> {
  const name = signal === "span" ? "OTEL_BSP_RETRY_QUEUE_SIZE" : "OTEL_BLRP_RETRY_QUEUE_SIZE";
  const maxItems = envNumber(name, DEFAULT_RETRY_QUEUE_SIZE, { min: 0, integer: true }, env);
  return maxItems > 0 ? new RetryBuffer(exporter, { signal, maxItems }) : exporter;
}
