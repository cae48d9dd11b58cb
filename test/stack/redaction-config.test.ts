// The collector's redaction comes from the services' table: the generated block of gateway.yaml
// is current, and the real collector masks planted personal data and secrets in every place a
// foreign client can put them (log body and attribute, span attribute and event, metric label).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { builtCollector, provisionCollector } from "../../src/stack/provision/go.ts";
import { currentBlock, redactionBlock } from "../../src/stack/redaction-config.ts";
import { OtlpSink } from "../support/otlp-sink.ts";
import { gaugePayload, logsPayload, newSpanId, newTraceId, postOtlp, tracesPayload } from "../support/otlp-json.ts";
import { overlayFile, startCollector, type TestCollector } from "../support/collector.ts";
import { pollUntil } from "../../src/lifecycle/poll.ts";

describe("collector redaction, generated from src/redaction/redaction-rules.ts", () => {
  it("gateway.yaml holds the block the table generates (else: npm run gen:redaction)", () => {
    assert.equal(currentBlock(), redactionBlock());
  });

  describe("through the real collector", () => {
    const skip = process.env.OTEL_GATEWAY_SKIP_STACK === "1" && !builtCollector();
    const sink = new OtlpSink();
    let collector: TestCollector;
    const secrets = [
      "jane.doe@example.com",
      "06 12 34 56 78",
      "+33 6 98 76 54 32",
      "AKIA9SECRET",
      "cs-SECRET-42",
      "rt-SECRET-7",
      "k-SECRET-9",
      "eyJSECRETtoken",
      "555-010-4477",
    ];

    before(async () => {
      if (skip) return;
      const binary = builtCollector() ?? (await provisionCollector());
      await sink.start();
      // Every signal to the sink, after the base's processors (redaction included).
      const overlay = overlayFile(`
exporters:
  otlp_http/sink:
    endpoint: ${sink.url}
    encoding: json
    compression: none
service:
  pipelines:
    traces: { exporters: [otlp_http/sink, span_metrics] }
    logs: { exporters: [otlp_http/sink] }
    metrics: { exporters: [otlp_http/sink] }
`);
      collector = await startCollector(binary, [overlay]);
    });
    after(async () => {
      await collector?.stop();
      await sink.stop();
    });

    it(
      "lets none of the planted values through, and the rest of the data arrives",
      { skip: skip && "OTEL_GATEWAY_SKIP_STACK=1 and no collector built" },
      async () => {
        const url = collector.otlpHttpUrl;
        const traceId = newTraceId();
        assert.equal(
          await postOtlp(
            url,
            "logs",
            logsPayload("planted", [
              {
                traceId,
                body: "marker-log: mail jane.doe@example.com or call 06 12 34 56 78, api_key=AKIA9SECRET",
                attributes: {
                  note: "reach me on +33 6 98 76 54 32",
                  refresh_token: "rt-SECRET-7",
                  query: "client_secret=cs-SECRET-42&x=1",
                  request_id: "e2e-1795458563597",
                },
              },
            ]),
          ),
          200,
        );
        assert.equal(
          await postOtlp(
            url,
            "traces",
            tracesPayload("planted", [
              {
                traceId,
                spanId: newSpanId(),
                name: "marker-span",
                attributes: { "http.request.header.x-api-key": "k-SECRET-9", "user.contact": "jane.doe@example.com" },
                events: [{ name: "exception", attributes: { "exception.message": "upstream said Authorization: Bearer eyJSECRETtoken (555-010-4477)" } }],
              },
            ]),
          ),
          200,
        );
        assert.equal(
          await postOtlp(
            url,
            "metrics",
            gaugePayload("planted", "marker_metric", [{ value: 1, attributes: { contact: "jane.doe@example.com", phone: "06 12 34 56 78" } }]),
          ),
          200,
        );

        const all = () => sink.raw.join("\n");
        await pollUntil(
          () => ["marker-log", "marker-span", "marker_metric"].every((marker) => all().includes(marker)),
          "the three planted records at the sink",
        );
        for (const secret of secrets) assert.equal(all().includes(secret), false, `${secret} reached the exporter`);
        assert.match(all(), /api_key=\*\*\*\*/, "the key stays, the value is masked");
        assert.ok(all().includes("e2e-1795458563597"), "a request id is not taken for a phone number");
      },
    );
  });
});
