// The scaled-out topology, native and real (STACK_GATEWAYS=2): services and telemetrygen → the agent
// (loadbalancing by trace id) → two gateways with tail sampling → Jaeger, Prometheus. Checks that no
// trace is split across gateways, that every error / slow / flagged trace is kept, that the share kept
// of the rest is near the set probability, that span metrics count every request (not the sampled
// ones), that Prometheus scrapes each gateway's own metrics, and that a gateway killed mid-run is
// taken out of the agent's list within seconds (its loss counted) and put back when it returns.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import { readEndpoints } from "../../src/stack/endpoints.ts";
import { provisionTelemetrygen } from "../../src/stack/provision/go.ts";
import type { RunningStack } from "../../src/stack/stack.ts";
import { startTestStack } from "../support/stack.ts";
import { CV_TEXT, JOB_TEXT } from "../services/samples.ts";
import { pollUntil } from "../../src/lifecycle/poll.ts";
import { queryInstant, servicesOf, traceById, tracesOfService, type TraceSpan } from "../../src/backends/index.ts";

const exec = promisify(execFile);
const stateDir = mkdtempSync(join(tmpdir(), "pool-state-"));
const PERCENT = 30;
const DECISION_WAIT_S = 2;
/** Tail-sampling knobs for the gateways, which inherit this process's environment. */
const samplingEnv = { TAIL_SAMPLING_PERCENT: String(PERCENT), TAIL_SAMPLING_DECISION_WAIT: `${DECISION_WAIT_S}s`, TAIL_SAMPLING_LATENCY_MS: "500" };

/** Each case: what telemetrygen sends, and which share of its traces must be kept. */
const cases = [
  { name: "error traces are all kept", service: "pool-errors", traces: 60, args: ["--status-code", "Error"], kept: "all" },
  { name: "traces slower than the threshold are all kept", service: "pool-slow", traces: 32, args: ["--span-duration", "700ms"], kept: "all" },
  { name: "traces flagged app.debug=true are all kept", service: "pool-debug", traces: 32, args: ["--telemetry-attributes", "app.debug=true"], kept: "all" },
  { name: "healthy traces are kept near the set probability", service: "pool-healthy", traces: 600, args: [], kept: "share" },
] as const;
const CHILD_SPANS = 2;

function jaegerTraces(stack: RunningStack, service: string): Promise<TraceSpan[][]> {
  return tracesOfService(stack.endpoints.jaeger, service, { limit: 5000, lookback: "1h" });
}

async function sumOf(stack: RunningStack, query: string): Promise<number> {
  const [result] = await queryInstant(stack.endpoints.prometheus, `sum(${query})`);
  return result?.value ?? 0;
}

/** Traces of `service` in Jaeger once their count stops growing (two looks 2 s apart agree). */
function settled(stack: RunningStack, service: string): Promise<TraceSpan[][]> {
  let previous = -1;
  return pollUntil(
    async () => {
      const list = await jaegerTraces(stack, service);
      const same = list.length === previous;
      previous = list.length;
      return same && list.length > 0 && list;
    },
    `the count of ${service} traces in Jaeger to settle`,
    // Two minutes: at load average 20 (five stacks on two cores) a minute was not enough once.
    { timeoutMs: 120_000, intervalMs: 2000 },
  );
}

describe("an agent in front of two tail-sampling gateways", { timeout: 15 * 60_000 }, () => {
  let stack: RunningStack;
  let telemetrygen: string;
  const saved = { ...process.env };
  /** What the stack reports (deaths, restarts, the agent re-routed), in order. */
  const events: string[] = [];

  const send = (service: string, traces: number, args: readonly string[]) =>
    exec(telemetrygen, [
      "traces",
      "--otlp-endpoint",
      stack.endpoints.collectorGrpc,
      "--otlp-insecure",
      "--service",
      service,
      "--traces",
      String(traces),
      "--child-spans",
      String(CHILD_SPANS),
      "--rate",
      "0",
      "--workers",
      "4",
      ...args,
    ]);

  before(async () => {
    Object.assign(process.env, samplingEnv);
    telemetrygen = await provisionTelemetrygen();
    // A fresh Prometheus: remote-written span metrics of an earlier stack stay current for 5 minutes
    // and would add to this test's exact counts.
    stack = await startTestStack({
      gateways: 2,
      alertingStateDir: stateDir,
      onEvent: (event) => events.push(event),
      serviceEnv: { OTEL_BSP_SCHEDULE_DELAY: "200", OTEL_BLRP_SCHEDULE_DELAY: "200", OTEL_METRIC_EXPORT_INTERVAL: "2000" },
    });
  });
  after(async () => {
    await stack?.stop();
    process.env = saved;
    rmSync(stateDir, { recursive: true, force: true });
  });

  it("lists the agent and both gateways in endpoints.json", () => {
    assert.deepEqual(
      readEndpoints().collectors?.map(({ name }) => name),
      ["gateway-1", "gateway-2", "agent"],
    );
  });

  describe("telemetrygen traffic", () => {
    before(async () => {
      // Workers split --traces between them: 4 workers × n/4 traces.
      await Promise.all(cases.map(({ service, traces, args }) => send(service, traces / 4, args)));
      // The gateways decide each trace DECISION_WAIT_S after its first span: the kept share is only
      // known once every decision is in Jaeger, i.e. once the sampled service's count stops growing.
      await settled(stack, cases.find(({ kept }) => kept === "share")!.service);
    });

    for (const { name, service, traces, kept } of cases) {
      it(`${name}, each with all of its spans`, async () => {
        const found = await pollUntil(
          async () => {
            const list = await jaegerTraces(stack, service);
            return (kept === "share" ? list.length > 0 : list.length === traces) && list;
          },
          `${kept === "all" ? traces : "some"} traces of ${service} in Jaeger`,
          { timeoutMs: 20_000, intervalMs: 500 },
        );
        const incomplete = found.filter((spans) => spans.length !== CHILD_SPANS + 1);
        assert.equal(incomplete.length, 0, `${incomplete.length} of ${found.length} traces of ${service} lack spans`);
        const share = found.length / traces;
        console.log(`${service}: ${found.length} of ${traces} traces kept (${(share * 100).toFixed(1)} %)`);
        if (kept === "share") assert.ok(Math.abs(share - PERCENT / 100) < 0.1, `kept ${(share * 100).toFixed(1)} %, set ${PERCENT} %`);
      });
    }

    it("counts every span in the span metrics, summed over the gateways, not the sampled ones", async () => {
      const healthy = cases.find(({ kept }) => kept === "share")!;
      const expected = healthy.traces * (CHILD_SPANS + 1);
      const query = `traces_span_metrics_calls_total{service_name="${healthy.service}"}`;
      const counted = await pollUntil(
        async () => {
          const value = await sumOf(stack, query);
          return value === expected && value;
        },
        `sum(${query}) = ${expected}`,
        { timeoutMs: 30_000, intervalMs: 1000 },
      );
      const perGateway = await queryInstant(stack.endpoints.prometheus, `sum by (collector_instance) (${query})`);
      console.log(
        `span metrics: ${counted} spans of ${healthy.service}, by gateway: ${perGateway.map((sample) => `${sample.labels.collector_instance}=${sample.value}`).join(", ")}`,
      );
      assert.equal(perGateway.length, 2, "both gateways saw a share of the traces");
    });
  });

  describe("the three services, one request in two failing in cv-parser", () => {
    const REQUESTS = 40;
    const sent: { status: number; traceId: string }[] = [];

    before(async () => {
      const flag = (value: number) =>
        fetch(`${stack.endpoints.matchingApi}/admin/flags/cvParserFailureRate`, {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ value }),
        });
      assert.equal((await flag(0.5)).status, 200);
      for (let i = 0; i < REQUESTS; i++) {
        const response = await fetch(`${stack.endpoints.matchingApi}/v1/matches`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ cv: CV_TEXT, job: JOB_TEXT }),
        });
        await response.arrayBuffer();
        sent.push({ status: response.status, traceId: response.headers.get("traceresponse")!.split("-")[1]! });
      }
      await flag(0);
    });

    it("keeps every failed request's trace whole: spans of all three services, on one gateway", async () => {
      const failed = sent.filter(({ status }) => status >= 500);
      assert.ok(failed.length > 5 && failed.length < REQUESTS, `${failed.length} of ${REQUESTS} failed`);
      // job-parser's spans are healthy: on another gateway they would be sampled at 30 %, and missing.
      for (const { traceId } of failed) {
        await pollUntil(
          async () => {
            return servicesOf(await traceById(stack.endpoints.jaeger, traceId)).size === 3;
          },
          `failed request ${traceId} in Jaeger with spans of the three services`,
          { timeoutMs: 20_000, intervalMs: 500 },
        );
      }
      console.log(`services: ${failed.length} failed requests, all ${failed.length} traces whole in Jaeger`);
    });

    it("counts every request in matching-api's span metrics, sampled or not", async () => {
      const query = `traces_span_metrics_calls_total{service_name="matching-api", span_kind="SPAN_KIND_SERVER", http_request_method="POST"}`;
      await pollUntil(async () => (await sumOf(stack, query)) === REQUESTS, `sum(${query}) = ${REQUESTS}`, { timeoutMs: 30_000, intervalMs: 1000 });
    });
  });

  describe("the gateways' own metrics", () => {
    it("are scraped by Prometheus in the otel-collector job, one target per gateway labelled with its name", async () => {
      const up = await pollUntil(
        async () => {
          const result = await queryInstant(stack.endpoints.prometheus, `up{job="otel-collector", collector=~"gateway-.*"}`);
          return result.length === 2 && result.every((r) => r.value === 1) && result;
        },
        "both gateways' targets up in Prometheus",
        { timeoutMs: 30_000, intervalMs: 1000 },
      );
      assert.deepEqual(up.map((r) => r.labels.collector).sort(), ["gateway-1", "gateway-2"]);
      const gateway = readEndpoints().collectors!.find(({ name }) => name === "gateway-1")!;
      assert.equal((await fetch(gateway.metrics)).status, 200, `${gateway.metrics} answers`);
    });
  });

  describe("a gateway killed, and back", () => {
    const traces = 400;
    const RATE = 40;
    let switchMs = 0;

    // From Prometheus, not the agent's endpoint: the agent's counters start again from 0 at each reload.
    // The collector makes this counter at its first failure, and increase() never counts a series' first
    // sample: so the highest value scraped since the kill, less the value before it.
    const agentInstance = () => new URL(stack.endpoints.collectorTelemetry!).host;
    const failedSpans = () => `otelcol_exporter_send_failed_spans_total{job="otel-collector", instance="${agentInstance()}", exporter="load_balancing/traces"}`;
    const agentFailedSpansSince = async (before: number, sinceMs: number) =>
      Math.max(0, (await sumOf(stack, `max_over_time(${failedSpans()}[${Math.ceil((performance.now() - sinceMs) / 1000) + 10}s])`)) - before);

    it("re-routes gateway-2's share to gateway-1 within seconds; what is lost in the switch is counted", async () => {
      // 400 error traces (all kept by tail sampling) at RATE a second; gateway-2 is killed once they flow.
      const sending = exec(telemetrygen, [
        "traces",
        "--otlp-endpoint",
        stack.endpoints.collectorGrpc,
        "--otlp-insecure",
        "--service",
        "pool-during-kill",
        "--traces",
        String(traces),
        "--child-spans",
        String(CHILD_SPANS),
        "--rate",
        String(RATE),
        "--workers",
        "1",
        "--status-code",
        "Error",
      ]);
      // Killed mid-run: once traces are flowing through both gateways into Jaeger.
      await pollUntil(async () => (await jaegerTraces(stack, "pool-during-kill")).length > 0, "the first pool-during-kill traces in Jaeger", {
        timeoutMs: 20_000,
        intervalMs: 250,
      });
      const failedBefore = await sumOf(stack, failedSpans());
      const killed = performance.now();
      const seen = events.length;
      // Held down with SIGKILL: the supervisor would otherwise restart it within a second.
      await stack.supervisor.hold("gateway-2", "SIGKILL");
      const rerouted = await pollUntil(
        () => events.slice(seen).find((event) => event.startsWith("agent re-routed to gateway-1 (gateway-2 down)")),
        "the agent re-routed away from gateway-2",
        { timeoutMs: 30_000, intervalMs: 100 },
      );
      switchMs = performance.now() - killed;
      // What the agent dropped while it reloaded (its log), and what it counted before (Prometheus).
      const dropped = Number(/; (\d+) items dropped in the switch/.exec(rerouted)?.[1]);
      await sending;
      const kept = await settled(stack, "pool-during-kill");
      const whole = kept.filter((trace) => trace.length === CHILD_SPANS + 1).length;
      const lostSpans = traces * (CHILD_SPANS + 1) - kept.reduce((sum, trace) => sum + trace.length, 0);
      // The agent's failure counters as scraped after the traffic settled.
      const settledAt = Date.now() / 1000;
      await pollUntil(
        async () =>
          ((await queryInstant(stack.endpoints.prometheus, `timestamp(up{job="otel-collector", instance="${agentInstance()}"})`))[0]?.value ?? 0) > settledAt,
        "a scrape of the agent after the traffic settled",
        { timeoutMs: 20_000, intervalMs: 500 },
      );
      const counted = await agentFailedSpansSince(failedBefore, killed);
      console.log(
        `gateway-2 killed: ${rerouted}; from the kill ${(switchMs / 1000).toFixed(1)} s; ${kept.length} of ${traces} traces delivered (${whole} whole), ${lostSpans} of ${traces * (CHILD_SPANS + 1)} spans lost; the agent dropped ${dropped} in the switch and counted ${Math.round(counted)} failed spans before it`,
      );
      assert.ok(switchMs < 15_000, `re-routed in ${switchMs} ms`);
      assert.ok(kept.length > traces / 2, `${kept.length} of ${traces} delivered: more than the surviving gateway's own share`);
      // SIGKILL also loses what gateway-2 held for its sampling decision: at most decision_wait of the traffic.
      const heldAtKill = RATE * (CHILD_SPANS + 1) * DECISION_WAIT_S;
      assert.ok(
        lostSpans <= dropped + counted + heldAtKill,
        `${lostSpans} spans lost, ${dropped} dropped in the switch, ${counted} counted before, at most ${heldAtKill} held by gateway-2`,
      );
    });

    it("delivers every trace sent after the switch, whole, through gateway-1", async () => {
      await send("pool-after-reroute", 200 / 4, ["--status-code", "Error"]);
      const kept = await settled(stack, "pool-after-reroute");
      assert.equal(kept.length, 200, `${kept.length} of 200 traces`);
      assert.ok(
        kept.every((trace) => trace.length === CHILD_SPANS + 1),
        "none split or short",
      );
    });

    it("spreads over both gateways again once gateway-2 is back", async () => {
      const seen = events.length;
      await stack.supervisor.resume("gateway-2");
      await pollUntil(
        () => events.slice(seen).some((event) => event.startsWith("agent re-routed to gateway-1, gateway-2")),
        "the agent re-routed to both gateways",
        { timeoutMs: 20_000, intervalMs: 100 },
      );
      await send("pool-after-return", 200 / 4, ["--status-code", "Error"]);
      const kept = await settled(stack, "pool-after-return");
      assert.equal(kept.length, 200, `${kept.length} of 200 traces`);
      assert.ok(
        kept.every((trace) => trace.length === CHILD_SPANS + 1),
        "none split or short",
      );
      const query = `traces_span_metrics_calls_total{service_name="pool-after-return"}`;
      const expected = 200 * (CHILD_SPANS + 1);
      const perGateway = await pollUntil(
        async () => {
          const result = await queryInstant(stack.endpoints.prometheus, `sum by (collector_instance) (${query})`);
          const total = result.reduce((sum, r) => sum + r.value, 0);
          return result.length === 2 && total === expected && result;
        },
        `${expected} spans of pool-after-return in the span metrics, from both gateways`,
        { timeoutMs: 30_000, intervalMs: 1000 },
      );
      assert.ok(
        perGateway.every((r) => r.value > 0),
        "each gateway counted a share",
      );
      console.log(`gateway-2 back: ${perGateway.map((r) => `${r.labels.collector_instance}=${r.value}`).join(", ")} spans of pool-after-return`);
    });
  });
});
