// The services' side of a collector outage: the real OTLP/HTTP exporters behind the retry buffer,
// against a real loopback server that refuses connections, or accepts and never answers, then
// recovers. Every span and log record made meanwhile must arrive; a full buffer drops the oldest and
// counts them; a batch refused with 400 is counted and not sent again.
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { after, before, describe, it } from "node:test";
import { metrics } from "@opentelemetry/api";
import { OTLPLogExporter } from "@opentelemetry/exporter-logs-otlp-http";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { BatchLogRecordProcessor, LoggerProvider } from "@opentelemetry/sdk-logs";
import { AggregationTemporality, type DataPoint, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { BatchSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { RetryBuffer } from "../../src/telemetry/retry-buffer.ts";
import { holdsFor, pollUntil } from "../../src/lifecycle/poll.ts";
import { freePort } from "../support/ports.ts";

type Mode = "ok" | "hang" | "400";

/** An OTLP/HTTP JSON receiver that records span names and log bodies, or hangs, or refuses with 400. */
class Collector {
  readonly received = new Set<string>();
  requests = 0;
  mode: Mode = "ok";
  #server: Server | undefined;
  readonly #hanging: ServerResponse[] = [];
  readonly port: number;
  constructor(port: number) {
    this.port = port;
  }
  get url() {
    return `http://127.0.0.1:${this.port}`;
  }
  start(): Promise<void> {
    this.#server = createServer((request: IncomingMessage, response: ServerResponse) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        this.requests++;
        if (this.mode === "hang") return void this.#hanging.push(response);
        if (this.mode === "400") return void response.writeHead(400, { "content-type": "application/json" }).end("{}");
        const body = JSON.parse(Buffer.concat(chunks).toString()) as {
          resourceSpans?: Array<{ scopeSpans: Array<{ spans: Array<{ name: string }> }> }>;
          resourceLogs?: Array<{ scopeLogs: Array<{ logRecords: Array<{ body: { stringValue: string } }> }> }>;
        };
        for (const { scopeSpans } of body.resourceSpans ?? []) for (const { spans } of scopeSpans) for (const { name } of spans) this.received.add(name);
        for (const { scopeLogs } of body.resourceLogs ?? [])
          for (const { logRecords } of scopeLogs) for (const { body: b } of logRecords) this.received.add(b.stringValue);
        response.writeHead(200, { "content-type": "application/json" }).end("{}");
      });
    });
    return new Promise((resolve) => this.#server!.listen(this.port, "127.0.0.1", resolve));
  }
  stop(): Promise<void> {
    for (const response of this.#hanging.splice(0)) response.destroy();
    this.#server?.closeAllConnections();
    return new Promise((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }
}

const names = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
const fast = { initialBackoffMs: 100, maxBackoffMs: 300 };

function tracing(collector: Collector, maxItems = 10_000) {
  const buffer = new RetryBuffer(new OTLPTraceExporter({ url: `${collector.url}/v1/traces`, timeoutMillis: 500 }), { signal: "span", maxItems, ...fast });
  const provider = new TracerProvider({ spanProcessors: [new BatchSpanProcessor({ exporter: buffer, scheduledDelayMillis: 20, maxExportBatchSize: 50 })] });
  const tracer = provider.getTracer("retry-buffer-test");
  return { buffer, provider, emit: (all: string[]) => all.forEach((name) => tracer.startSpan(name).end()) };
}

describe("the retry buffer between the batch processors and the OTLP exporters", () => {
  const reader = new PeriodicExportingMetricReader({
    exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE),
    exportIntervalMillis: 3_600_000,
  });
  const meterProvider = new MeterProvider({ readers: [reader] });
  before(() => metrics.setGlobalMeterProvider(meterProvider));
  after(() => meterProvider.shutdown());

  /** The buffer's otel.sdk.processor.span.processed, by error.type ("" = exported). */
  async function processed(): Promise<Record<string, number>> {
    const { resourceMetrics } = await reader.collect();
    const points = resourceMetrics.scopeMetrics
      .flatMap(({ metrics: all }) => all)
      .filter(({ descriptor }) => descriptor.name === "otel.sdk.processor.span.processed")
      .flatMap(({ dataPoints }) => dataPoints as Array<DataPoint<number>>);
    return Object.fromEntries(points.map(({ attributes, value }) => [String(attributes["error.type"] ?? ""), value]));
  }

  it("delivers every span made while the collector refused connections, once it listens again", async () => {
    const collector = new Collector(await freePort());
    const { buffer, provider, emit } = tracing(collector);
    const sent = names("refused", 300);
    // Two batches: the second is made while the first is already refused and waiting to be retried.
    emit(sent.slice(0, 150));
    await pollUntil(() => buffer.size === 150, "the first 150 spans held in the buffer");
    emit(sent.slice(150));
    await pollUntil(() => buffer.size === 300, "all 300 spans held in the buffer");
    await collector.start();
    try {
      await pollUntil(() => collector.received.size === 300, "all 300 spans at the collector", { timeoutMs: 10_000 });
      assert.deepEqual([...collector.received].sort(), [...sent].sort());
      assert.equal(buffer.size, 0);
    } finally {
      await provider.shutdown();
      await collector.stop();
    }
  });

  it("delivers every span made while the collector hung (accepted, never answered), once it answers", async () => {
    const collector = new Collector(await freePort());
    collector.mode = "hang";
    await collector.start();
    const { buffer, provider, emit } = tracing(collector);
    const sent = names("hung", 200);
    try {
      const started = performance.now();
      emit(sent);
      // The processor is answered at once: its queue empties into the buffer, whatever the collector does.
      assert.ok(performance.now() - started < 500, "making the spans did not wait");
      await pollUntil(() => collector.requests >= 2 && buffer.size === 200, "the hung collector tried twice, all 200 spans buffered");
      collector.mode = "ok";
      await pollUntil(() => collector.received.size === 200, "all 200 spans at the collector", { timeoutMs: 10_000 });
      assert.deepEqual([...collector.received].sort(), [...sent].sort());
    } finally {
      await provider.shutdown();
      await collector.stop();
    }
  });

  it("drops the oldest when full, counts them as queue_full, and delivers the newest", async () => {
    const before = (await processed()).queue_full ?? 0;
    const collector = new Collector(await freePort());
    const { buffer, provider, emit } = tracing(collector, 100);
    const sent = names("full", 250);
    emit(sent);
    await pollUntil(async () => (await processed()).queue_full === before + 150, "150 spans counted as dropped (queue_full)");
    assert.equal(buffer.size, 100);
    await collector.start();
    try {
      await pollUntil(() => collector.received.size === 100, "the newest 100 spans at the collector", { timeoutMs: 10_000 });
      assert.deepEqual([...collector.received].sort(), sent.slice(150).sort());
    } finally {
      await provider.shutdown();
      await collector.stop();
    }
  });

  it("counts a batch refused with 400 and does not send it again", async () => {
    const before = (await processed())["400"] ?? 0;
    const collector = new Collector(await freePort());
    collector.mode = "400";
    await collector.start();
    const { buffer, provider, emit } = tracing(collector);
    try {
      emit(names("refused-for-good", 30));
      await pollUntil(async () => (await processed())["400"] === before + 30, "30 spans counted as refused (400)");
      // A retry would come within the backoff (at most 300 ms here): watched for over a second.
      await holdsFor(() => collector.requests === 1, "one request, no retry", { forMs: 1_000 });
      assert.equal(buffer.size, 0);
    } finally {
      await provider.shutdown();
      await collector.stop();
    }
  });

  it("delivers log records made while the collector was down, too", async () => {
    const collector = new Collector(await freePort());
    const buffer = new RetryBuffer(new OTLPLogExporter({ url: `${collector.url}/v1/logs`, timeoutMillis: 500 }), { signal: "log", maxItems: 1_000, ...fast });
    const provider = new LoggerProvider({ processors: [new BatchLogRecordProcessor({ exporter: buffer, scheduledDelayMillis: 20 })] });
    const logger = provider.getLogger("retry-buffer-test");
    const sent = names("log", 120);
    for (const body of sent) logger.emit({ body });
    await pollUntil(() => buffer.size === 120, "all 120 log records held in the buffer");
    await collector.start();
    try {
      await pollUntil(() => collector.received.size === 120, "all 120 log records at the collector", { timeoutMs: 10_000 });
    } finally {
      await provider.shutdown();
      await collector.stop();
    }
  });

  it("flushes what it holds at shutdown when the collector is back", async () => {
    const collector = new Collector(await freePort());
    const { buffer, provider, emit } = tracing(collector);
    emit(names("shutdown", 40));
    await pollUntil(() => buffer.size === 40, "40 spans held in the buffer");
    await collector.start();
    try {
      await provider.shutdown();
      assert.equal(collector.received.size, 40);
    } finally {
      await collector.stop();
    }
  });
});
