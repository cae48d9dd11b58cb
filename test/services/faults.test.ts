// Fault flags set on one service reach the service they concern (the processes share a flag file),
// and matching-api turns parser failures into clear 502/503 problems.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { request as httpRequest } from "node:http";
import { after, before, describe, it } from "node:test";
import { pollUntil } from "../../src/lifecycle/poll.ts";
import { SERVICES, serviceArgs, serviceEnv } from "../../src/services/catalog.ts";
import { freePort } from "../support/ports.ts";
import { startServices, type RunningServices } from "../support/services.ts";
import { CV_TEXT, JOB_TEXT } from "./samples.ts";

describe("fault flags", () => {
  let stack: RunningServices;
  let api: string;
  const setFlag = async (name: string, value: unknown) => {
    const response = await fetch(`${api}/admin/flags/${name}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ value }),
    });
    assert.equal(response.status, 200, await response.clone().text());
    return response.json();
  };
  const match = async () => {
    const response = await fetch(`${api}/v1/matches`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ cv: CV_TEXT, job: JOB_TEXT }),
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  before(async () => {
    stack = await startServices({ OTEL_TRACES_EXPORTER: "none", OTEL_METRICS_EXPORTER: "none", OTEL_LOGS_EXPORTER: "none" });
    api = stack.services["matching-api"].url;
  });
  after(() => stack?.stop());

  it("lists the flags with their defaults", async () => {
    const flags = await (await fetch(`${api}/admin/flags`)).json();
    assert.deepEqual(flags, { cvParserFailureRate: 0, modelLatencyMs: 0, jobParserUnavailable: false });
  });

  it("answers 502 upstream_failed naming cv-parser while cvParserFailureRate is 1", async () => {
    await setFlag("cvParserFailureRate", 1);
    const { status, body } = await match();
    assert.equal(status, 502);
    assert.equal(body.code, "upstream_failed");
    assert.match(body.detail, /cv-parser/);
    await setFlag("cvParserFailureRate", 0);
    assert.equal((await match()).status, 200);
  });

  it("turns matching-api's readiness DEGRADED (503) while jobParserUnavailable is on, and OK after", async () => {
    await setFlag("jobParserUnavailable", true);
    const degraded = await fetch(`${api}/ready`);
    const readiness = (await degraded.json()) as any;
    assert.equal(degraded.status, 503);
    assert.equal(readiness.status, "DEGRADED");
    assert.equal(readiness.checks["job-parser"].status, "FAILED");
    assert.equal(readiness.checks["cv-parser"].status, "OK");
    assert.equal(typeof readiness.checks["cv-parser"].latencyMs, "number");
    const { status, body } = await match();
    assert.equal(status, 503);
    assert.equal(body.code, "upstream_unavailable");
    await setFlag("jobParserUnavailable", false);
    await pollUntil(async () => (await fetch(`${api}/ready`)).status === 200, "matching-api ready again");
  });

  it("delays extraction by modelLatencyMs", async () => {
    await setFlag("modelLatencyMs", 300);
    const started = performance.now();
    assert.equal((await match()).status, 200);
    assert.ok(performance.now() - started >= 300, "the match waited for the slowed model");
    await setFlag("modelLatencyMs", 0);
  });

  it("refuses admin calls without the token when ADMIN_TOKEN is set", async () => {
    const guarded = await startServices({
      ADMIN_TOKEN: "s3cret-admin-token-0123",
      OTEL_TRACES_EXPORTER: "none",
      OTEL_METRICS_EXPORTER: "none",
      OTEL_LOGS_EXPORTER: "none",
    });
    try {
      const url = `${guarded.services["cv-parser"].url}/admin/flags`;
      assert.equal((await fetch(url)).status, 401);
      assert.equal((await fetch(url, { headers: { authorization: "Bearer s3cret-admin-token-0123" } })).status, 200);
    } finally {
      await guarded.stop();
    }
  });

  it("refuses the flags to a page on a rebound host name (Host: evil.example) when no ADMIN_TOKEN is set", async () => {
    const { hostname, port } = new URL(api);
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest({ hostname, port, path: "/admin/flags", headers: { host: `evil.example:${port}` } }, (response) => {
        response.resume();
        resolve(response.statusCode!);
      });
      request.on("error", reject).end();
    });
    assert.equal(status, 421);
  });

  it("refuses to start with an ADMIN_TOKEN under 16 characters, and says why", async () => {
    const spec = SERVICES["cv-parser"];
    const env = { ...process.env, ADMIN_TOKEN: "s3cret-token", [spec.portEnv]: String(await freePort()), [spec.metricsPortEnv]: String(await freePort()) };
    const child = spawn(process.execPath, serviceArgs(spec), { env: serviceEnv(spec, env), stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    const [code] = await once(child, "exit");
    clearTimeout(timer);
    assert.equal(code, 1);
    assert.match(output, /cv-parser refuses to start: ADMIN_TOKEN is 12 characters long; use at least 16/);
  });
});
