// Every dashboard query proven against the real stack: the stack runs with traffic from the load
// generator, an LLM stand-in (so token and cost series exist) and a burst of injected cv-parser
// failures; then each PromQL target of every generated dashboard runs against Prometheus and each
// Elasticsearch target against the Elasticsearch API (OpenSearch), with variables and Grafana's
// macros expanded. Empty or failing → the test fails, unless allow-listed with a reason.
// Also: span-metrics exemplars reach Prometheus with trace ids that Jaeger finds.
import assert from "node:assert/strict";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import { dashboardsJson } from "../../src/dashboards/index.ts";
import { ALLOWED_EMPTY } from "../../src/dashboards/allow-list.ts";
import { proveDashboards } from "../../src/dashboards/prove.ts";
import { isAnnotation, reportProof } from "../../src/dashboards/report.ts";
import { dataPanels } from "../../src/dashboards/walk.ts";
import { generateLoad } from "../../src/loadgen/index.ts";
import type { RunningStack } from "../../src/stack/stack.ts";
import { startTestStack } from "../support/stack.ts";
import { startModelServer } from "../support/model-server.ts";
import { pollUntil } from "../../src/lifecycle/poll.ts";
import { exemplars, logsOfTrace, queryInstant, traceById } from "../../src/backends/index.ts";
import { CV_TEXT, JOB_TEXT } from "../services/samples.ts";

/**
 * How long the load generator runs, the failure burst in the middle: traffic for the panels' rate() windows.
 * Each third is 15 s (three scrapes and span-metric flushes of 5 s), so a $__rate_interval of 20 s
 * (src/dashboards/expand.ts) finds traffic anywhere in the run, and failures in the middle.
 */
const TRAFFIC_S = 45;
const FAILURE_BURST_S = 15;

/** A value of an instant query, 0 when it has no result. */
async function valueOf(prometheus: string, query: string): Promise<number> {
  return (await queryInstant(prometheus, query))[0]?.value ?? 0;
}

/**
 * Once one request made after the traffic is in the backends the proof reads, the traffic before it
 * is too: its logs in the store, a scrape of every service and a span-metrics flush after it. (Not
 * Jaeger: no panel query reads it, and under load its store may lag by minutes; the exemplar check
 * polls Jaeger itself.)
 */
async function landed(stack: RunningStack): Promise<void> {
  const sentAt = Date.now() / 1000;
  const response = await fetch(`${stack.endpoints.matchingApi}/v1/matches`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-request-id": `dashboards-last-${Date.now()}` },
    body: JSON.stringify({ cv: CV_TEXT, job: JOB_TEXT }),
  });
  await response.arrayBuffer();
  const traceId = response.headers.get("traceresponse")!.split("-")[1]!;
  const { elasticsearch, prometheus } = stack.endpoints;
  const checks: Record<string, () => Promise<boolean>> = {
    "its logs in the store": async () => (await logsOfTrace(elasticsearch, traceId)).length > 0,
    "a scrape of every service after it": async () => (await valueOf(prometheus, `min(timestamp(up{job=~"matching-api|cv-parser|job-parser"}))`)) > sentAt,
    "a span-metrics flush after it": async () =>
      (await valueOf(prometheus, `max(timestamp(traces_span_metrics_calls_total{service_name="matching-api"}))`)) > sentAt,
  };
  await pollUntil(
    async () => {
      const missing: string[] = [];
      for (const [what, check] of Object.entries(checks)) if (!(await check())) missing.push(what);
      if (missing.length) throw new Error(`still missing: ${missing.join("; ")}`);
      return true;
    },
    `the last request (trace ${traceId}) in the store and Prometheus`,
    { timeoutMs: 90_000, intervalMs: 1000 },
  );
}

async function setFlag(api: string, name: string, value: unknown) {
  const response = await fetch(`${api}/admin/flags/${name}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ value }),
  });
  assert.equal(response.status, 200, `PUT /admin/flags/${name}`);
}

describe("the dashboards against the live stack", { timeout: 20 * 60_000 }, () => {
  let stack: RunningStack;
  let model: Server;
  let window: { fromMs: number; toMs: number; stepS: number };

  before(async () => {
    // Every 10th model call fails, so the ML error panels have data too.
    model = await startModelServer({ failEvery: 10 });
    stack = await startTestStack({
      serviceEnv: {
        // Short export intervals so traffic is queryable within seconds.
        OTEL_BSP_SCHEDULE_DELAY: "200",
        OTEL_BLRP_SCHEDULE_DELAY: "200",
        OTEL_METRIC_EXPORT_INTERVAL: "2000",
        OPENAI_BASE_URL: `http://127.0.0.1:${(model.address() as AddressInfo).port}/v1`,
        OPENAI_MODEL: "gpt-4o-mini",
        OPENAI_API_KEY: "sk-test-not-a-real-key",
      },
    });
    const fromMs = Date.now();
    const traffic = new AbortController();
    const load = generateLoad({ matchingApiUrl: stack.endpoints.matchingApi, rate: 6, signal: traffic.signal });
    // Traffic for a set time (the panels' rate() windows need it), not a wait for a condition.
    await sleep(((TRAFFIC_S - FAILURE_BURST_S) / 2) * 1000);
    // A burst of upstream failures: 5xx series, error logs, the error-ratio alert pending.
    await setFlag(stack.endpoints.matchingApi, "cvParserFailureRate", 0.3);
    await sleep(FAILURE_BURST_S * 1000);
    await setFlag(stack.endpoints.matchingApi, "cvParserFailureRate", 0);
    await sleep(((TRAFFIC_S - FAILURE_BURST_S) / 2) * 1000);
    traffic.abort();
    await load;
    // Scrapes (5 s), span-metric flushes (5 s) and log batches land.
    await landed(stack);
    window = { fromMs, toMs: Date.now(), stepS: 15 };
  });
  after(async () => {
    await stack?.stop();
    model?.close();
  });

  it("answers every panel query with data, except the allow-listed panels", async () => {
    const boards = dashboardsJson();
    const results = await proveDashboards({ prometheus: stack.endpoints.prometheus, elasticsearch: stack.endpoints.elasticsearch }, boards, window);
    const { failing, stale, lines } = reportProof(results, Object.values(boards).flatMap(dataPanels).length, ALLOWED_EMPTY);
    console.log(lines.join("\n"));
    assert.deepEqual(
      failing.map((result) => `${result.panel} [${result.refId}]`),
      [],
    );
    assert.deepEqual(stale, [], "allow-list entries must name existing panels");
    // The window opens as the services start: the deploy/restart annotation must mark them.
    const annotations = results.filter(isAnnotation);
    assert.ok(annotations.length > 0 && annotations.every((result) => result.found > 0), JSON.stringify(annotations));
  });

  it("has span-metric exemplars in Prometheus whose trace ids Jaeger finds", async () => {
    const found = await exemplars(stack.endpoints.prometheus, 'traces_span_metrics_duration_seconds_bucket{service_name="matching-api"}', {
      startS: window.fromMs / 1000,
      endS: Date.now() / 1000,
    });
    console.log(`${found.length} exemplars for matching-api's span durations`);
    const traceId = found.find((exemplar) => exemplar.labels.trace_id)?.labels.trace_id;
    assert.ok(traceId, `an exemplar with a trace_id label among ${JSON.stringify(found.slice(0, 3))}`);
    const spans = await pollUntil(
      async () => {
        const found = await traceById(stack.endpoints.jaeger, traceId);
        return found.length > 0 && found;
      },
      `trace ${traceId} (from an exemplar) in Jaeger`,
      // A minute, not the freshness goal's seconds: on a machine at load 20 the store's writes lag.
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    assert.ok(spans.every((span) => span.traceId === traceId));
  });
});
