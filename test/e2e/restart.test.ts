// Everything survives a restart: one failed request (its trace, log records, error event and series),
// an Alertmanager silence and the newest exemplar are found again after the whole stack restarts, and
// after each backend in turn is killed with SIGKILL and brought back by the supervisor.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import { pollUntil } from "../../src/lifecycle/poll.ts";
import { createSilence, exemplars, silences, traceById, type Silence } from "../../src/backends/index.ts";
import type { RunningStack } from "../../src/stack/stack.ts";
import { startTestStack } from "../support/stack.ts";
import { CV_TEXT, JOB_TEXT } from "../services/samples.ts";

const exec = promisify(execFile);
const BACKENDS = ["opensearch", "jaeger", "prometheus", "alertmanager", "bugsink"];
// Short export intervals so the request is queryable in seconds, not after the default minute.
const serviceEnv = { OTEL_BSP_SCHEDULE_DELAY: "200", OTEL_BLRP_SCHEDULE_DELAY: "200", OTEL_METRIC_EXPORT_INTERVAL: "2000" };
const start = () => startTestStack({ serviceEnv, onEvent: (message) => console.log(`[supervisor] ${message}`) });

const setFailureRate = (api: string, value: number) =>
  fetch(`${api}/admin/flags/cvParserFailureRate`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ value }) });

/** A match that cv-parser fails: a trace with an error, log records, counted series and one Bugsink event. */
async function failedMatch(api: string, requestId: string): Promise<string> {
  await setFailureRate(api, 1);
  try {
    const response = await fetch(`${api}/v1/matches`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": requestId },
      body: JSON.stringify({ cv: CV_TEXT, job: JOB_TEXT }),
    });
    await response.arrayBuffer();
    assert.ok([502, 503].includes(response.status), `status ${response.status}`);
    return response.headers.get("traceresponse")!.split("-")[1]!;
  } finally {
    await setFailureRate(api, 0);
  }
}

/** A silence that must survive the restart. */
const SILENCE: Silence = {
  matchers: [{ name: "alertname", value: "RestartTestSilence", isRegex: false, isEqual: true }],
  startsAt: new Date().toISOString(),
  endsAt: new Date(Date.now() + 3_600_000).toISOString(),
  createdBy: "test/e2e/restart.test.ts",
  comment: "must survive a restart",
};

/** The trace id of the newest span-metric exemplar Prometheus holds (the link the dashboards offer). */
async function newestExemplarTrace(prometheus: string): Promise<string | undefined> {
  const found = await exemplars(prometheus, "traces_span_metrics_duration_seconds_bucket", { startS: Date.now() / 1000 - 3600, endS: Date.now() / 1000 });
  return found.sort((a, b) => b.timestamp - a.timestamp)[0]?.labels.trace_id;
}

describe("everything survives a restart", { timeout: 30 * 60_000, skip: process.env.OTEL_GATEWAY_SKIP_STACK === "1" && "OTEL_GATEWAY_SKIP_STACK=1" }, () => {
  const requestId = `restart-${Date.now()}`;
  let stack: RunningStack;
  let traceId: string;
  let silenceId: string;

  /** Everything the request left, and the silence and the newest exemplar, found again. */
  async function findEverything(when: string): Promise<void> {
    let last = "";
    await pollUntil(
      async () => {
        last = await exec(process.execPath, ["src/trace/index.ts", requestId]).then(
          ({ stdout }) => stdout,
          (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ""}${error.stderr ?? ""}`,
        );
        return (
          last.includes(`trace ${traceId}`) &&
          /across .*cv-parser/.test(last) &&
          /Logs .*: [1-9]/.test(last) &&
          /: 1 event\n/.test(last) &&
          /\n\d[\d.e+]* {2}sum\(http_server_request_duration_seconds_count/.test(last)
        );
      },
      `npm run trace -- ${requestId} to show the trace, its logs, its error event and its series ${when}`,
      { timeoutMs: 60_000, intervalMs: 1_000 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\nlast output:\n${last}`, { cause: error });
    });
    const held = await silences(stack.endpoints.alertmanager);
    assert.equal(held.find(({ id }) => id === silenceId)?.status.state, "active", `the silence ${when}`);
    const exemplar = await pollUntil(() => newestExemplarTrace(stack.endpoints.prometheus), `an exemplar in Prometheus ${when}`, {
      timeoutMs: 30_000,
      intervalMs: 1_000,
    });
    // The newest exemplar's trace may be a moment younger than its span metric: allow Jaeger that moment.
    await pollUntil(async () => (await traceById(stack.endpoints.jaeger, exemplar)).length > 0, `the newest exemplar's trace ${exemplar} in Jaeger ${when}`, {
      timeoutMs: 15_000,
      intervalMs: 500,
    });
  }

  before(async () => {
    stack = await start();
    traceId = await failedMatch(stack.endpoints.matchingApi, requestId);
    silenceId = await createSilence(stack.endpoints.alertmanager, SILENCE);
    await findEverything("before any restart");
  });
  after(() => stack?.stop());

  it("finds everything again after the whole stack stops and starts", async () => {
    await stack.stop();
    stack = await start();
    await findEverything("after a full restart");
  });

  it("finds everything again after each backend in turn is killed with SIGKILL and restarted by the supervisor", async () => {
    for (const name of BACKENDS) {
      const entry = stack.running.find(({ component }) => component.name === name)!;
      const restarts = entry.restarts;
      process.kill(-entry.child.pid!, "SIGKILL");
      await pollUntil(() => entry.restarts > restarts && entry.state === "running", `${name} back after kill -9`, { timeoutMs: 180_000, intervalMs: 500 });
      await findEverything(`after kill -9 of ${name}`);
    }
  });
});
