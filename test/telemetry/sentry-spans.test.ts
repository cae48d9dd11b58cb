// Spans to Sentry ride on our NodeSDK (Sentry's OTLP traces endpoint, derived from the DSN) and only
// when SENTRY_TRACES_SAMPLE_RATE asks for them: by default not one request goes there, while errors
// still arrive. The "Sentry" is an OTLP receiver standing where the DSN points; the services' OTLP
// export to the collector is off, so everything it receives came through the Sentry path.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { pollUntil } from "../../src/lifecycle/poll.ts";
import { OtlpSink } from "../support/otlp-sink.ts";

const PROBE = new URL("../fixtures/telemetry/sentry-probe.ts", import.meta.url).pathname;
const QUIET = { OTEL_TRACES_EXPORTER: "none", OTEL_METRICS_EXPORTER: "none", OTEL_LOGS_EXPORTER: "none", LOG_LEVEL: "error" };
const OTLP_PATH = "/api/7/integration/otlp/v1/traces/";

describe("spans to Sentry", () => {
  const sentry = new OtlpSink();
  let dsn: string;

  before(async () => {
    await sentry.start();
    dsn = sentry.url.replace("http://", "http://publickey@") + "/7";
  });
  after(() => sentry.stop());

  async function probe(env: Record<string, string>) {
    sentry.spans.length = 0;
    sentry.requests.length = 0;
    await promisify(execFile)(process.execPath, [PROBE], { env: { ...process.env, ...QUIET, SENTRY_DSN: dsn, ...env }, timeout: 30_000 });
    // The error event is sent by Sentry's transport, which close() flushed before the probe exited.
    await pollUntil(() => sentry.requests.some((request) => request.path.startsWith("/api/7/envelope")), "the probe's error event");
  }

  it("sends none without SENTRY_TRACES_SAMPLE_RATE, while the error event still arrives", async () => {
    await probe({});
    assert.deepEqual(
      sentry.requests.filter((request) => request.path === OTLP_PATH),
      [],
    );
  });

  it("sends every trace with SENTRY_TRACES_SAMPLE_RATE=1, to the DSN's OTLP endpoint with its key", async () => {
    await probe({ SENTRY_TRACES_SAMPLE_RATE: "1", PROBE_TRACES: "5" });
    const otlp = sentry.requests.filter((request) => request.path === OTLP_PATH);
    assert.ok(otlp.length > 0, `requests: ${sentry.requests.map((request) => request.path).join(", ")}`);
    assert.match(String(otlp[0]!.headers["x-sentry-auth"]), /sentry_key=publickey/);
    assert.deepEqual(sentry.spans.map((span) => span.name).sort(), ["probe 0", "probe 1", "probe 2", "probe 3", "probe 4"]);
    const envelopes = sentry.raw.filter((body) => body.includes('"type":"event"'));
    const failed = sentry.spans.find((span) => span.name === "probe 0")!;
    assert.ok(
      envelopes.some((body) => body.includes(`"trace_id":"${failed.traceId}"`)),
      "the error event carries the trace id of the OTel span it happened in",
    );
    assert.ok(!sentry.raw.some((body) => /"type":"(transaction|span)"/.test(body)), "Sentry's own tracing sent nothing");
  });

  it("sends about that share of whole traces with a rate below 1", async () => {
    await probe({ SENTRY_TRACES_SAMPLE_RATE: "0.5", PROBE_TRACES: "200" });
    const sent = new Set(sentry.spans.map((span) => span.traceId)).size;
    assert.ok(sent > 60 && sent < 140, `${sent} of 200 traces sent at 0.5`);
  });
});
