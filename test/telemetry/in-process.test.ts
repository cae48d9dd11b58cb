// The telemetry module in-process, with in-memory exporters: the request-context middleware,
// the traceresponse header, log correlation and problem details.
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { InMemoryLogRecordExporter, SimpleLogRecordProcessor } from "@opentelemetry/sdk-logs";
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace";
import { logger, startTelemetry, type Telemetry } from "../../src/telemetry/index.ts";
import { HttpError } from "../../src/services/shared/error-codes.ts";
import { REQUEST_ID_LOG_FIELD, SERVICE_NAME_LOG_FIELD } from "../../src/request/index.ts";
import { pollUntil } from "../../src/lifecycle/poll.ts";

const spans = new InMemorySpanExporter();
const logs = new InMemoryLogRecordExporter();

describe("telemetry in one process", () => {
  let telemetry: Telemetry;
  let url: string;
  let close: () => void;

  before(async () => {
    telemetry = await startTelemetry({
      serviceName: "in-process-test",
      metricsPort: 0,
      extras: { spanProcessors: [new SimpleSpanProcessor({ exporter: spans })], logRecordProcessors: [new SimpleLogRecordProcessor({ exporter: logs })] },
      env: { ...process.env, OTEL_TRACES_EXPORTER: "none", OTEL_METRICS_EXPORTER: "none", OTEL_LOGS_EXPORTER: "none", LOG_LEVEL: "error" },
    });
    // Express loads after the SDK, as in the services.
    const { default: express } = await import("express");
    const { requestContext, problemHandler } = await import("../../src/http/http.ts");
    const app = express();
    app.use(requestContext());
    app.get("/ok", (_request, response) => {
      logger().error("inside the request", { detail: "written at error so LOG_LEVEL=error keeps it" });
      response.json({ ok: true });
    });
    app.get("/items/:id", (_request, response) => void response.json({ ok: true }));
    app.get("/boom", () => {
      throw new HttpError("upstream_failed", "the parser fell over");
    });
    app.get("/half-sent", (_request, response, next) => {
      response.status(200).type("text/plain");
      response.write("partial body ");
      next(new HttpError("upstream_failed", "failed after the headers went out"));
    });
    app.use(problemHandler());
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });

  after(async () => {
    close();
    await telemetry.shutdown();
  });

  it("echoes a sane X-Request-ID and answers the server span in traceresponse", async () => {
    const response = await fetch(`${url}/ok`, { headers: { "x-request-id": "abc-123" } });
    assert.equal(response.headers.get("x-request-id"), "abc-123");
    const [, traceId, spanId] = response.headers.get("traceresponse")!.split("-");
    const server = await pollUntil(
      () => spans.getFinishedSpans().find((span) => span.spanContext().spanId === spanId),
      "the server span named in traceresponse",
    );
    assert.equal(server.spanContext().traceId, traceId);
    assert.equal(server.attributes["app.request.id"], "abc-123");
  });

  it("names the server span and its http.route by the matched route template, with no Express instrumentation", async () => {
    const response = await fetch(`${url}/items/42`);
    const spanId = response.headers.get("traceresponse")!.split("-")[2];
    const server = await pollUntil(
      () => spans.getFinishedSpans().find((span) => span.spanContext().spanId === spanId),
      "the server span named in traceresponse",
    );
    assert.equal(server.name, "GET /items/:id");
    assert.equal(server.attributes["http.route"], "/items/:id");
    const children = spans.getFinishedSpans().filter((span) => span.parentSpanContext?.spanId === spanId);
    assert.deepEqual(children, [], "no middleware or handler spans under the server span");
  });

  it("replaces an insane X-Request-ID with a generated one", async () => {
    const response = await fetch(`${url}/ok`, { headers: { "x-request-id": "<script>alert(1)</script>" } });
    assert.match(response.headers.get("x-request-id")!, /^[0-9a-f-]{36}$/);
  });

  it("gives log records inside a request its trace id and request id", async () => {
    logs.reset();
    const response = await fetch(`${url}/ok`, { headers: { "x-request-id": "log-check-1" } });
    const traceId = response.headers.get("traceresponse")!.split("-")[1];
    const record = logs.getFinishedLogRecords().find((r) => r.body === "inside the request");
    assert.ok(record, "the record reached the OTel Logs SDK");
    assert.equal(record.attributes.request_id, "log-check-1");
    assert.equal(record.spanContext?.traceId, traceId);
  });

  it("writes the request id and service name under the same field names from the logger and the access log", async () => {
    logs.reset();
    // A 5xx: both lines are errors, kept at this test's LOG_LEVEL.
    await fetch(`${url}/boom`, { headers: { "x-request-id": "log-check-2" } });
    const records = await pollUntil(() => {
      const found = ["request failed", "request completed"].map((body) =>
        logs.getFinishedLogRecords().find((r) => r.body === body && r.attributes.request_id === "log-check-2"),
      );
      return found.every(Boolean) && found;
    }, "the logger's record and the access log's record of one request");
    for (const record of records as NonNullable<(typeof records)[number]>[]) {
      assert.equal(record.attributes[REQUEST_ID_LOG_FIELD], "log-check-2", `${String(record.body)}: request id`);
      assert.ok(record.attributes[SERVICE_NAME_LOG_FIELD], `${String(record.body)}: service name under ${SERVICE_NAME_LOG_FIELD}`);
      assert.equal(record.attributes.service, undefined, `${String(record.body)}: no second spelling of the service name`);
    }
  });

  it("answers problem details and marks the server span as an error on a 5xx", async () => {
    const response = await fetch(`${url}/boom`, { headers: { "x-request-id": "boom-1" } });
    const problem = (await response.json()) as any;
    assert.equal(response.status, 502);
    assert.equal(problem.requestId, "boom-1", "the problem names the request, read from its context");
    assert.equal(problem.code, "upstream_failed");
    assert.equal(problem.traceId, response.headers.get("traceresponse")!.split("-")[1]);
    const spanId = response.headers.get("traceresponse")!.split("-")[2];
    const server = await pollUntil(() => spans.getFinishedSpans().find((span) => span.spanContext().spanId === spanId), "the failed server span");
    assert.equal(server.status.code, 2, "status ERROR");
    assert.ok(
      server.events.some((event) => event.name === "exception"),
      "the exception is recorded on the span",
    );
  });

  it("hands a failure after the headers went out to Express, which cuts the response instead of leaving it hanging", async () => {
    const response = await fetch(`${url}/half-sent`);
    assert.equal(response.status, 200, "the status had already been sent");
    await assert.rejects(response.text(), "the body is cut short, not completed as if all went well");
    const spanId = response.headers.get("traceresponse")!.split("-")[2];
    const server = await pollUntil(() => spans.getFinishedSpans().find((span) => span.spanContext().spanId === spanId), "the half-sent request's server span");
    assert.ok(
      server.events.some((event) => event.name === "exception"),
      "the failure is still recorded on the span",
    );
  });
});
