// The whole stack, native and real: three services → our collector → Jaeger, the Elasticsearch
// API (OpenSearch), Prometheus (remote write) and Bugsink (Sentry protocol). One stack for every
// case in this file, since it takes a while to start.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import { provisionTelemetrygen } from "../../src/stack/provision/go.ts";
import type { RunningStack } from "../../src/stack/stack.ts";
import { startTestStack } from "../support/stack.ts";
import { holdsFor, pollUntil } from "../../src/lifecycle/poll.ts";
import { CV_TEXT, JOB_TEXT, PERSONAL } from "../services/samples.ts";
import {
  jaegerServices,
  logsOfTrace,
  queryInstant,
  recentEvents,
  requestIdQuery,
  searchLogRecords,
  servicesOf,
  traceById,
  tracesOfService,
} from "../../src/backends/index.ts";

const exec = promisify(execFile);
const SERVICES = ["matching-api", "cv-parser", "job-parser"];

async function match(api: string, requestId: string) {
  const response = await fetch(`${api}/v1/matches`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-request-id": requestId },
    body: JSON.stringify({ cv: CV_TEXT, job: JOB_TEXT }),
  });
  await response.arrayBuffer();
  return { status: response.status, traceId: response.headers.get("traceresponse")!.split("-")[1]! };
}

describe("the gateway end to end", { timeout: 30 * 60_000 }, () => {
  let stack: RunningStack;
  let startedInS: number;

  before(async () => {
    const started = performance.now();
    stack = await startTestStack({
      // Short export intervals so a request is queryable in seconds, not after the default minute.
      serviceEnv: { OTEL_BSP_SCHEDULE_DELAY: "200", OTEL_BLRP_SCHEDULE_DELAY: "200", OTEL_METRIC_EXPORT_INTERVAL: "2000" },
    });
    startedInS = (performance.now() - started) / 1000;
    console.log(`stack healthy in ${startedInS.toFixed(1)}s`);
  });
  after(() => stack?.stop());

  describe("one match request", () => {
    const requestId = `e2e-${Date.now()}`;
    let traceId: string;
    let sentAt: number;

    before(async () => {
      sentAt = performance.now();
      const result = await match(stack.endpoints.matchingApi, requestId);
      assert.equal(result.status, 200);
      traceId = result.traceId;
    });

    it("is in Jaeger within 15 s, with spans of all three services", async () => {
      const trace = await pollUntil(
        async () => {
          const found = await traceById(stack.endpoints.jaeger, traceId);
          return servicesOf(found).size === 3 && found;
        },
        `trace ${traceId} with spans of the three services in Jaeger`,
        { timeoutMs: 15_000, intervalMs: 250 },
      );
      console.log(`request to queryable trace: ${((performance.now() - sentAt) / 1000).toFixed(2)}s`);
      assert.deepEqual([...servicesOf(trace)].sort(), [...SERVICES].sort());
    });

    it("has its log records from all three services in the Elasticsearch API, by trace id and by request id", async () => {
      for (const [what, query] of [
        ["trace id", { term: { "TraceId.keyword": traceId } }],
        ["request id", requestIdQuery(requestId)],
      ] as const) {
        const lines = await pollUntil(
          async () => {
            const hits = await searchLogRecords(stack.endpoints.elasticsearch, query);
            return new Set(hits.map((line) => line.service)).size === 3 && hits;
          },
          `log records of the three services found by ${what}`,
          { timeoutMs: 15_000, intervalMs: 500 },
        );
        assert.ok(lines.every((line) => line.traceId === traceId));
      }
    });

    it("counts in Prometheus: http_server_request_duration_seconds_count by remote write, and span metrics", async () => {
      for (const service of SERVICES) {
        // Scraped series have instance="127.0.0.1:<port>"; remote-written ones carry the service instance id.
        await pollUntil(
          async () =>
            (
              await queryInstant(
                stack.endpoints.prometheus,
                `http_server_request_duration_seconds_count{service_name="${service}", instance!~"127\\\\.0\\\\.0\\\\.1:.*"}`,
              )
            ).length > 0,
          `${service}'s remote-written http_server_request_duration_seconds_count`,
          { timeoutMs: 20_000, intervalMs: 500 },
        );
        await pollUntil(
          async () => (await queryInstant(stack.endpoints.prometheus, `traces_span_metrics_calls_total{service_name="${service}"}`)).length > 0,
          `${service}'s span metrics`,
          { timeoutMs: 20_000, intervalMs: 500 },
        );
      }
      // Remote write turns service.name into `job` and the other resource attributes into target_info labels.
      await pollUntil(
        async () => (await queryInstant(stack.endpoints.prometheus, `target_info{job="matching-api", deployment_environment_name!=""}`)).length > 0,
        "the remote-written target_info of matching-api",
        { timeoutMs: 20_000, intervalMs: 500 },
      );
    });

    it("keeps the CV's personal data out of Jaeger and the logs", async () => {
      const trace = JSON.stringify(await traceById(stack.endpoints.jaeger, traceId));
      const logs = JSON.stringify(await logsOfTrace(stack.endpoints.elasticsearch, traceId));
      for (const secret of [PERSONAL.name, PERSONAL.email, PERSONAL.phone]) {
        assert.ok(!trace.includes(secret) && !logs.includes(secret), secret);
      }
    });
  });

  describe("a foreign OTLP client (telemetrygen)", () => {
    it("lands traces in Jaeger, logs in the Elasticsearch API and metrics in Prometheus", async () => {
      const telemetrygen = await provisionTelemetrygen();
      const common = ["--otlp-endpoint", stack.endpoints.collectorGrpc, "--otlp-insecure", "--service", "telemetrygen-e2e"];
      await exec(telemetrygen, ["traces", ...common, "--traces", "3"]);
      await exec(telemetrygen, ["logs", ...common, "--logs", "3", "--body", "hello from telemetrygen"]);
      await exec(telemetrygen, ["metrics", ...common, "--metrics", "3"]);
      await pollUntil(async () => (await jaegerServices(stack.endpoints.jaeger)).includes("telemetrygen-e2e"), "telemetrygen-e2e among Jaeger's services", {
        timeoutMs: 15_000,
      });
      await pollUntil(
        async () => (await searchLogRecords(stack.endpoints.elasticsearch, { match_phrase: { Body: "hello from telemetrygen" } })).length > 0,
        "telemetrygen's logs in the Elasticsearch API",
        { timeoutMs: 15_000 },
      );
      await pollUntil(
        async () => (await queryInstant(stack.endpoints.prometheus, `{service_name="telemetrygen-e2e"}`)).length > 0,
        "telemetrygen's metrics in Prometheus",
        { timeoutMs: 20_000 },
      );
    });
  });

  describe("redaction in the gateway", () => {
    it("masks an email, a phone number and api_key=... in a log line and a span attribute before they reach the backends", async () => {
      const telemetrygen = await provisionTelemetrygen();
      const common = ["--otlp-endpoint", stack.endpoints.collectorGrpc, "--otlp-insecure", "--service", "redaction-e2e"];
      const leak = "contact jane.roe@example.com or +33 6 98 76 54 32, api_key=sk_live_abc123";
      await exec(telemetrygen, ["logs", ...common, "--logs", "1", "--body", leak]);
      await exec(telemetrygen, ["traces", ...common, "--traces", "1", "--telemetry-attributes", `note="${leak}"`]);
      const logs = await pollUntil(
        async () => {
          const hits = await searchLogRecords(stack.endpoints.elasticsearch, { term: { "Resource.service.name.keyword": "redaction-e2e" } });
          return hits.length > 0 && hits;
        },
        "the redaction test's log record",
        { timeoutMs: 15_000 },
      );
      const traces = await pollUntil(
        async () => {
          const found = await tracesOfService(stack.endpoints.jaeger, "redaction-e2e", { limit: 5 });
          return found.length > 0 && found;
        },
        "the redaction test's trace in Jaeger",
        { timeoutMs: 15_000 },
      );
      const stored = JSON.stringify(logs) + JSON.stringify(traces);
      for (const secret of ["jane.roe@example.com", "+33 6 98 76 54 32", "sk_live_abc123"]) {
        assert.ok(!stored.includes(secret), `${secret} reached a backend`);
      }
    });
  });

  describe("errors", () => {
    const setFlag = (name: string, value: unknown) =>
      fetch(`${stack.endpoints.matchingApi}/admin/flags/${name}`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ value }),
      });

    it("sends exactly one Bugsink event, with the response's trace id, for a failed match; none for a 4xx", async () => {
      const before = new Set((await recentEvents(stack.endpoints.sentry!)).map((event) => event.id));
      await setFlag("cvParserFailureRate", 1);
      const requestId = `e2e-error-${Date.now()}`;
      const sentAt = performance.now();
      const failed = await match(stack.endpoints.matchingApi, requestId);
      await setFlag("cvParserFailureRate", 0);
      assert.ok([502, 503].includes(failed.status), `status ${failed.status}`);
      const badRequest = await fetch(`${stack.endpoints.matchingApi}/v1/matches`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      assert.equal(badRequest.status, 422);

      const event = await pollUntil(
        async () => {
          const fresh = (await recentEvents(stack.endpoints.sentry!)).filter((e) => !before.has(e.id));
          return fresh.find((e) => e.traceId === failed.traceId);
        },
        `a Bugsink event with trace id ${failed.traceId}`,
        { timeoutMs: 30_000, intervalMs: 500 },
      );
      console.log(`failing request to its Bugsink event: ${((performance.now() - sentAt) / 1000).toFixed(2)}s`);
      // A second copy, or an event of the 4xx, would arrive within seconds: watched for 3 s.
      await holdsFor(
        async () => (await recentEvents(stack.endpoints.sentry!)).filter((e) => !before.has(e.id)).length === 1,
        "exactly one new event: the failed request's, none for the 4xx, no copy",
        { forMs: 3_000, intervalMs: 500 },
      );
      const text = JSON.stringify(event.data);
      for (const secret of [PERSONAL.email, PERSONAL.phone, PERSONAL.name]) assert.ok(!text.includes(secret), secret);

      const spans = await pollUntil(
        async () => {
          const found = await traceById(stack.endpoints.jaeger, failed.traceId);
          return found.length > 0 && found;
        },
        "the failed trace in Jaeger",
        { timeoutMs: 15_000 },
      );
      assert.ok(
        spans.some((span) => span.tags["otel.status_code"] === "ERROR"),
        "the trace shows an error status",
      );
    });

    it("turns matching-api DEGRADED while jobParserUnavailable is on and OK once it clears", async () => {
      await setFlag("jobParserUnavailable", true);
      const degraded = await fetch(`${stack.endpoints.matchingApi}/ready`);
      assert.equal(degraded.status, 503);
      assert.equal(((await degraded.json()) as any).status, "DEGRADED");
      await setFlag("jobParserUnavailable", false);
      const ready = await fetch(`${stack.endpoints.matchingApi}/ready`);
      assert.equal(((await ready.json()) as any).status, "OK");
    });
  });

  describe("npm run trace", () => {
    it("prints the spans, logs, error event and series of one failed request, found by its request id", async () => {
      const setFlag = (value: number) =>
        fetch(`${stack.endpoints.matchingApi}/admin/flags/cvParserFailureRate`, {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ value }),
        });
      await setFlag(1);
      const requestId = `e2e-lookup-${Date.now()}`;
      const failed = await match(stack.endpoints.matchingApi, requestId);
      await setFlag(0);
      let last = "";
      const output = await pollUntil(
        async () => {
          last = (await exec(process.execPath, ["src/trace/index.ts", requestId])).stdout;
          return /: 1 event\n/.test(last) && /across .*cv-parser/.test(last) && /Logs .*: [1-9]/.test(last) && last;
        },
        "the lookup to find spans, logs and the event",
        { timeoutMs: 30_000, intervalMs: 1_000 },
      ).catch((error: Error) => {
        throw new Error(`${error.message}\nlast output:\n${last}`, { cause: error });
      });
      console.log(output);
      assert.match(output, new RegExp(`trace ${failed.traceId}`));
      assert.match(output, /http_server_request_duration_seconds_count/);
    });
  });
});
