// One match request through the three real service processes, their real OTLP exporters
// pointed at an in-test OTLP receiver: one trace, correlated logs, /metrics, no personal data.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { OtlpSink } from "../support/otlp-sink.ts";
import { pollUntil } from "../../src/lifecycle/poll.ts";
import { startServices, type RunningServices } from "../support/services.ts";
import { CV_TEXT, JOB_TEXT, PERSONAL } from "./samples.ts";

const SERVER = 2;
const CLIENT = 3;

describe("a match request through the three services", () => {
  const sink = new OtlpSink();
  let stack: RunningServices;
  const requestId = `test-${Date.now()}`;
  let response: Response;
  let body: any;
  let traceId: string;

  before(async () => {
    await sink.start();
    stack = await startServices({
      OTEL_EXPORTER_OTLP_ENDPOINT: sink.url,
      // Export quickly so the test does not wait on default batch delays.
      OTEL_BSP_SCHEDULE_DELAY: "100",
      OTEL_BLRP_SCHEDULE_DELAY: "100",
      OTEL_METRIC_EXPORT_INTERVAL: "500",
    });
    response = await fetch(`${stack.services["matching-api"].url}/v1/matches`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": requestId },
      body: JSON.stringify({ cv: CV_TEXT, job: JOB_TEXT }),
    });
    body = await response.json();
    traceId = response.headers.get("traceresponse")?.split("-")[1] ?? "";
  });

  after(async () => {
    await stack?.stop();
    await sink.stop();
  });

  it("answers a score with canonical skill names, the request id and a traceresponse header", () => {
    assert.equal(response.status, 200, JSON.stringify(body));
    assert.ok(body.score >= 0 && body.score <= 100);
    assert.ok(body.matchedSkills.includes("Node.js"), `matched: ${body.matchedSkills}`);
    assert.ok(body.matchedSkills.includes("Kubernetes"));
    assert.equal(response.headers.get("x-request-id"), requestId);
    assert.match(response.headers.get("traceresponse") ?? "", /^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
  });

  it("gives one trace with the server spans of all three services, correctly parented", async () => {
    const servers = await pollUntil(() => {
      const spans = sink.spans.filter((span) => span.traceId === traceId && span.kind === SERVER);
      return new Set(spans.map((span) => span.service)).size === 3 && spans;
    }, "server spans of matching-api, cv-parser and job-parser in one trace");
    const byService = Object.fromEntries(servers.map((span) => [span.service, span]));
    const root = byService["matching-api"]!;
    assert.equal(root.parentSpanId, "", "matching-api's server span is the root");
    assert.equal(root.attributes["app.request.id"], requestId);
    for (const parser of ["cv-parser", "job-parser"]) {
      const server = byService[parser]!;
      const parent = sink.spans.find((span) => span.spanId === server.parentSpanId);
      assert.ok(parent, `${parser}'s parent span was exported`);
      assert.equal(parent.service, "matching-api");
      assert.equal(parent.kind, CLIENT, `${parser}'s parent is matching-api's client span`);
      assert.equal(server.attributes["app.request.id"], requestId, `${parser} saw the same request id`);
    }
  });

  it("puts the trace id and request id on every log record of the request, in OTLP and on stdout", async () => {
    const records = await pollUntil(() => {
      const mine = sink.logs.filter((record) => record.attributes.request_id === requestId);
      return new Set(mine.map((record) => record.service)).size === 3 && mine;
    }, "log records of the request from all three services");
    for (const record of records) assert.equal(record.traceId, traceId, `${record.service}: ${String(record.body)}`);
    for (const record of sink.logs.filter((r) => r.traceId === traceId)) assert.equal(record.attributes.request_id, requestId);
    for (const service of Object.values(stack.services)) {
      const lines = service
        .stdout()
        .split("\n")
        .filter((line) => line.includes(requestId))
        .map((line) => JSON.parse(line));
      assert.ok(lines.length > 0, `${service.name} printed a JSON log line for the request`);
      for (const line of lines) assert.equal(line.trace_id, traceId);
    }
  });

  it("serves http_server_request_duration_seconds with the service's name on each /metrics", async () => {
    for (const service of Object.values(stack.services)) {
      const text = await (await fetch(service.metricsUrl)).text();
      const line = text.split("\n").find((l) => l.startsWith("http_server_request_duration_seconds_count{") && l.includes(`service_name="${service.name}"`));
      assert.ok(line, `${service.name} /metrics has http_server_request_duration_seconds_count for itself`);
    }
    await pollUntil(() => sink.metricNames.has("http.server.request.duration") && sink.metricNames.has("app.operation.duration"), "metrics pushed over OTLP");
  });

  it("lets no name, email or phone number from the CV reach a span, a log or a metric", async () => {
    await pollUntil(() => sink.logs.some((r) => r.service === "cv-parser" && r.traceId === traceId), "cv-parser's logs");
    const metrics = (await Promise.all(Object.values(stack.services).map(async (s) => (await fetch(s.metricsUrl)).text()))).join("\n");
    const telemetry =
      JSON.stringify(sink.spans) +
      JSON.stringify(sink.logs) +
      metrics +
      Object.values(stack.services)
        .map((s) => s.stdout())
        .join("\n");
    for (const secret of [PERSONAL.name, PERSONAL.email, PERSONAL.phone, PERSONAL.phone.replace(/\s/g, "")]) {
      assert.ok(!telemetry.includes(secret), `telemetry contains ${secret}`);
    }
  });
});
