// The case table (test/redaction/cases.ts) through the real collector: a foreign OTLP client plants
// each input in every field it can fill (span name, status message, event name and attributes, span,
// resource and log attributes, string and map log bodies, metric point attributes), and what leaves
// the collector must be the table's expected text, as the services' redactor gives it. Then the
// span-metrics pipeline of the pool's gateways (span names as labels) and the agent.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { redactText, redactValue, SECRET_VALUE_MASK } from "../../src/redaction/index.ts";
import { builtCollector } from "../../src/stack/provision/go.ts";
import { agentConfig, tailSamplingOverlay } from "../../src/stack/components/gateway-pool.ts";
import { pollUntil } from "../../src/lifecycle/poll.ts";
import { REDACTION_CASES, SECRET_KEY_CASES } from "../redaction/cases.ts";
import { OtlpSink } from "../support/otlp-sink.ts";
import { gaugePayload, logsPayload, newSpanId, newTraceId, postOtlp, tracesPayload } from "../support/otlp-json.ts";
import { collectorToSink, type TestCollector } from "../support/collector.ts";

const skip = process.env.OTEL_GATEWAY_SKIP_STACK === "1" && !builtCollector() && "OTEL_GATEWAY_SKIP_STACK=1 and no collector built";
const service = (index: number) => `redaction-case-${index}`;
const indexOf = (name: string) => Number(name.replace("redaction-case-", ""));

/** Every case as a span name (and nothing else), one service per case. */
async function plantSpanNames(url: string) {
  for (const [index, { input }] of REDACTION_CASES.entries()) {
    assert.equal(await postOtlp(url, "traces", tracesPayload(service(index), [{ traceId: newTraceId(), spanId: newSpanId(), name: input }])), 200);
  }
}

/** "field of case: got … want …" for every field that is not the expected text. */
function differences(actual: Array<[field: string, index: number, value: unknown]>): string[] {
  return actual
    .filter(([, index, value]) => value !== REDACTION_CASES[index]!.expected)
    .map(
      ([field, index, value]) =>
        `${field} of "${REDACTION_CASES[index]!.name}": ${JSON.stringify(value)}, want ${JSON.stringify(REDACTION_CASES[index]!.expected)}`,
    );
}

describe("the case table through the real collector, as through the services' redactor", { skip }, () => {
  it("the services' redactor gives every expected text (else the collector's result is not the reference)", () => {
    for (const { input, expected } of REDACTION_CASES) assert.equal(redactText(input), expected);
    assert.deepEqual(redactValue({ outer: { text: REDACTION_CASES[0]!.input } }), { outer: { text: REDACTION_CASES[0]!.expected } });
  });

  describe("the gateway: every field of every signal", () => {
    const sink = new OtlpSink();
    let collector: TestCollector;
    before(async () => {
      await sink.start();
      collector = await collectorToSink(sink, { traces: ["otlp_http/sink", "span_metrics"], logs: ["otlp_http/sink"], metrics: ["otlp_http/sink"] });
    });
    after(async () => {
      await collector?.stop();
      await sink.stop();
    });

    it("gives the expected text in span names, status messages, events, attributes, bodies and metric points", async () => {
      const url = collector.otlpHttpUrl;
      for (const [index, { input }] of REDACTION_CASES.entries()) {
        const resource = { "service.name": service(index), "app.note": input };
        const span = { traceId: newTraceId(), spanId: newSpanId(), name: input, statusMessage: input, attributes: { note: input } };
        const events = [{ name: input, attributes: { note: input } }];
        assert.equal(await postOtlp(url, "traces", tracesPayload(resource, [{ ...span, events }])), 200);
        const records = [{ body: input, attributes: { note: input } }, { body: { outer: { text: input } } }];
        assert.equal(await postOtlp(url, "logs", logsPayload(resource, records)), 200);
        assert.equal(await postOtlp(url, "metrics", gaugePayload(resource, "redaction_case", [{ value: 1, attributes: { note: input } }])), 200);
      }
      const cases = REDACTION_CASES.length;
      await pollUntil(
        () => sink.spans.length >= cases && sink.logs.length >= 2 * cases && sink.points.length >= cases,
        `${cases} spans, ${2 * cases} log records and ${cases} points at the sink`,
      );

      const fields: Array<[string, number, unknown]> = [];
      for (const span of sink.spans) {
        const index = indexOf(span.service);
        fields.push(["span name", index, span.name], ["status message", index, span.statusMessage], ["span attribute", index, span.attributes.note]);
        fields.push(["resource attribute", index, span.resource["app.note"]]);
        fields.push(["event name", index, span.events[0]?.name], ["event attribute", index, span.events[0]?.attributes.note]);
      }
      for (const log of sink.logs) {
        const index = indexOf(log.service);
        if (typeof log.body === "string") fields.push(["string body", index, log.body], ["log attribute", index, log.attributes.note]);
        // Flattened by the collector: {outer: {text}} arrives as {"outer.text"}.
        else fields.push(["map body", index, (log.body as Record<string, unknown>)["outer.text"]]);
        fields.push(["log resource attribute", index, log.resource["app.note"]]);
      }
      for (const point of sink.points) fields.push(["metric point attribute", indexOf(point.service), point.attributes.note]);
      assert.deepEqual(differences(fields), []);
    });

    it("masks whole values under secret keys, as the services do, in attributes and map bodies", async () => {
      const url = collector.otlpHttpUrl;
      const resource = { "service.name": "redaction-keys", ...SECRET_KEY_CASES };
      const span = { traceId: newTraceId(), spanId: newSpanId(), name: "redaction-keys", attributes: SECRET_KEY_CASES };
      assert.equal(await postOtlp(url, "traces", tracesPayload(resource, [span])), 200);
      assert.equal(await postOtlp(url, "logs", logsPayload(resource, [{ body: { creds: SECRET_KEY_CASES }, attributes: SECRET_KEY_CASES }])), 200);
      await pollUntil(
        () => sink.spans.some((s) => s.service === "redaction-keys") && sink.logs.some((l) => l.service === "redaction-keys"),
        "the span and the log record with secret keys at the sink",
      );
      const masked = Object.fromEntries(Object.keys(SECRET_KEY_CASES).map((key) => [key, SECRET_VALUE_MASK]));
      assert.deepEqual(redactValue(SECRET_KEY_CASES), masked, "the services");
      const spanOut = sink.spans.find((s) => s.service === "redaction-keys")!;
      const logOut = sink.logs.find((l) => l.service === "redaction-keys")!;
      const pick = (values: Record<string, unknown>, prefix = "") =>
        Object.fromEntries(Object.keys(SECRET_KEY_CASES).map((key) => [key, values[prefix + key]]));
      assert.deepEqual(pick(spanOut.attributes), masked, "span attributes");
      assert.deepEqual(pick(spanOut.resource), { ...masked }, "resource attributes");
      assert.deepEqual(pick(logOut.attributes), masked, "log attributes");
      assert.deepEqual(pick(logOut.body as Record<string, unknown>, "creds."), masked, "map body");
    });
  });

  describe("a pool gateway (tail-sampling overlay): span names never become raw span-metrics labels", () => {
    const sink = new OtlpSink();
    let collector: TestCollector;
    before(async () => {
      await sink.start();
      collector = await collectorToSink(sink, { "metrics/span_metrics": ["otlp_http/sink"], "traces/sampled": ["otlp_http/sink"] }, [tailSamplingOverlay]);
    });
    after(async () => {
      await collector?.stop();
      await sink.stop();
    });

    it("labels the span metrics with the expected span names", async () => {
      await plantSpanNames(collector.otlpHttpUrl);
      const labelled = () => sink.points.filter((point) => point.metric === "traces.span.metrics.calls" && point.service.startsWith("redaction-case-"));
      await pollUntil(
        () => new Set(labelled().map((point) => point.service)).size === REDACTION_CASES.length,
        "a span-metrics point for every case (flushed every 5 s)",
      );
      assert.deepEqual(differences(labelled().map((point) => ["span.name label", indexOf(point.service), point.attributes["span.name"]])), []);
    });
  });

  describe("the agent in front of a pool", () => {
    const sink = new OtlpSink();
    let collector: TestCollector;
    before(async () => {
      await sink.start();
      const pipelines = { traces: ["otlp_http/sink"], logs: ["otlp_http/sink"], metrics: ["otlp_http/sink"] };
      collector = await collectorToSink(sink, pipelines, [], agentConfig);
    });
    after(async () => {
      await collector?.stop();
      await sink.stop();
    });

    it("redacts span names before it routes them", async () => {
      await plantSpanNames(collector.otlpHttpUrl);
      await pollUntil(() => sink.spans.length >= REDACTION_CASES.length, `${REDACTION_CASES.length} spans at the sink`);
      assert.deepEqual(differences(sink.spans.map((span) => ["span name", indexOf(span.service), span.name])), []);
    });
  });
});
