// The per-item limits of collector/gateway.yaml through the real collector, set small by their env
// variables: attributes per span, event and log record, value length (truncated on a UTF-8 boundary,
// marked "…", not dropped), span events and links per span, log body size, and the request size of
// the OTLP/HTTP receiver, gzip bombs included. What the exporters send is read at an OTLP sink.
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { after, before, describe, it } from "node:test";
import { pollUntil } from "../../src/lifecycle/poll.ts";
import { collectorToSink, type TestCollector } from "../support/collector.ts";
import { logsPayload, newSpanId, newTraceId, postOtlp, tracesPayload } from "../support/otlp-json.ts";
import { OtlpSink } from "../support/otlp-sink.ts";

const LIMITS = {
  COLLECTOR_MAX_ATTRIBUTES: "4",
  COLLECTOR_MAX_ATTRIBUTE_BYTES: "16",
  COLLECTOR_MAX_LOG_BODY_BYTES: "32",
  COLLECTOR_MAX_SPAN_EVENTS: "2",
  COLLECTOR_MAX_REQUEST_BYTES: "65536",
};
const bytes = (value: unknown) => Buffer.byteLength(String(value));
const tenAttributes = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`attr.${i}`, `value-${i}`]));
// 40 two-byte letters: 80 bytes, cut within a letter unless the cut respects UTF-8.
const longValue = "é".repeat(40);

async function post(url: string, body: Buffer, headers: Record<string, string> = {}): Promise<number> {
  const response = await fetch(`${url}/v1/logs`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: new Uint8Array(body) });
  await response.arrayBuffer();
  return response.status;
}

describe("per-item limits through the real collector", { skip: process.env.OTEL_GATEWAY_SKIP_STACK === "1" && "OTEL_GATEWAY_SKIP_STACK=1" }, () => {
  const sink = new OtlpSink();
  let collector: TestCollector;
  before(async () => {
    await sink.start();
    collector = await collectorToSink(sink, { traces: ["otlp_http/sink", "span_metrics"], logs: ["otlp_http/sink"] }, [], undefined, LIMITS);
  });
  after(async () => {
    await collector?.stop();
    await sink.stop();
  });

  it("keeps 4 attributes per span and event, cuts values to 16 bytes on a UTF-8 boundary, and keeps 2 events", async () => {
    const events = Array.from({ length: 5 }, (_, i) => ({ name: `event-${i}`, attributes: { ...tenAttributes, long: longValue } }));
    const span = { traceId: newTraceId(), spanId: newSpanId(), name: "limits-span", attributes: { ...tenAttributes, long: longValue }, events };
    assert.equal(await postOtlp(collector.otlpHttpUrl, "traces", tracesPayload("limited", [span])), 200);
    const got = await pollUntil(() => sink.spans.find((s) => s.name === "limits-span"), "limits-span at the sink");
    assert.ok(Object.keys(got.attributes).length <= 4, `span attributes: ${Object.keys(got.attributes).join(", ")}`);
    assert.deepEqual(
      got.events.map((event) => event.name),
      ["event-0", "event-1"],
    );
    for (const event of got.events) assert.ok(Object.keys(event.attributes).length <= 4, `event attributes: ${Object.keys(event.attributes).length}`);
    for (const value of [...Object.values(got.attributes), ...got.events.flatMap((event) => Object.values(event.attributes))]) {
      assert.ok(bytes(value) <= 16, `${String(value)} is ${bytes(value)} bytes`);
      assert.ok(!String(value).includes("\uFFFD"), `${String(value)} was cut inside a letter`);
    }
  });

  it("cuts a log body to 32 bytes ending in …, and keeps 4 attributes of the record", async () => {
    const payload = logsPayload("limited", [{ body: `limits-log ${"x".repeat(1000)}`, attributes: tenAttributes }]);
    assert.equal(await postOtlp(collector.otlpHttpUrl, "logs", payload), 200);
    const got = await pollUntil(() => sink.logs.find((log) => String(log.body).startsWith("limits-log")), "limits-log at the sink");
    assert.ok(bytes(got.body) <= 32 + bytes("…"), `body of ${bytes(got.body)} bytes`);
    assert.ok(String(got.body).endsWith("…"), "the cut is marked");
    assert.ok(Object.keys(got.attributes).length <= 4);
  });

  it("refuses a body over the request size, plain or as a gzip bomb, and takes one under it", async () => {
    const over = Buffer.from(JSON.stringify(logsPayload("limited", [{ body: "y".repeat(100_000) }])));
    const under = Buffer.from(JSON.stringify(logsPayload("limited", [{ body: "request-size-ok" }])));
    // 4 MiB of one letter compresses to a few KiB: the limit holds on what it decompresses to.
    const bomb = gzipSync(Buffer.from(JSON.stringify(logsPayload("limited", [{ body: "z".repeat(4 * 2 ** 20) }]))));
    const statuses = {
      over: await post(collector.otlpHttpUrl, over),
      bomb: await post(collector.otlpHttpUrl, bomb, { "content-encoding": "gzip" }),
      under: await post(collector.otlpHttpUrl, under),
    };
    console.log(
      `request size limit 65536 B: ${over.length} B → ${statuses.over}, gzip bomb ${bomb.length} B → ${statuses.bomb}, ${under.length} B → ${statuses.under}`,
    );
    assert.ok([400, 413].includes(statuses.over), `over the limit: ${statuses.over}`);
    assert.ok([400, 413].includes(statuses.bomb), `gzip bomb: ${statuses.bomb}`);
    assert.equal(statuses.under, 200);
  });
});
