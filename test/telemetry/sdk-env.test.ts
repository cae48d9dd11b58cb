// NodeSDK reads the standard variables itself; these prove our start-up leaves them to it (passing our
// own sampler, resource or detectors would silently override them), and that the instrumentation
// allow-list, which is ours, reads its two variables. Each case is a process of its own: NodeSDK
// reads process.env once, and the OTel globals are registered once per process.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { describe, it } from "node:test";
import { promisify } from "node:util";
import { createInstrumentations } from "../../src/telemetry/instrumentations.ts";

const PROBE = new URL("../fixtures/telemetry/env-probe.ts", import.meta.url).pathname;
const QUIET = { OTEL_TRACES_EXPORTER: "none", OTEL_METRICS_EXPORTER: "none", OTEL_LOGS_EXPORTER: "none", LOG_LEVEL: "error" };

async function probe(env: Record<string, string>): Promise<{ sampled: boolean; resource: Record<string, unknown> | null }> {
  const { stdout } = await promisify(execFile)(process.execPath, [PROBE], { env: { ...process.env, ...QUIET, ...env }, timeout: 30_000 });
  return JSON.parse(stdout.trim().split("\n").at(-1)!);
}

describe("the SDK settings from the standard variables, read by NodeSDK", () => {
  it("keeps every trace by default, and honours OTEL_TRACES_SAMPLER", async () => {
    assert.equal((await probe({})).sampled, true);
    assert.equal((await probe({ OTEL_TRACES_SAMPLER: "always_off" })).sampled, false);
  });

  it("starts nothing with OTEL_SDK_DISABLED=true, and the service still runs", async () => {
    assert.deepEqual(await probe({ OTEL_SDK_DISABLED: "true" }), { sampled: false, resource: null });
  });

  it("gives our defaults to the resource, under OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES and the detectors", async () => {
    const byDefault = (await probe({})).resource!;
    assert.equal(byDefault["service.name"], "env-probe");
    assert.ok(byDefault["process.pid"], "the process detector ran");
    assert.ok(byDefault["host.name"], "the host detector ran");
    const chosen = (
      await probe({ OTEL_SERVICE_NAME: "renamed", OTEL_RESOURCE_ATTRIBUTES: "deployment.environment.name=staging", OTEL_NODE_RESOURCE_DETECTORS: "env" })
    ).resource!;
    assert.equal(chosen["service.name"], "renamed");
    assert.equal(chosen["deployment.environment.name"], "staging");
    assert.equal(chosen["process.pid"], undefined, "OTEL_NODE_RESOURCE_DETECTORS=env left the process detector out");
  });
});

describe("the instrumentation allow-list", () => {
  it("loads only the allow-listed instrumentations, trimmed by OTEL_NODE_DISABLED_INSTRUMENTATIONS", async () => {
    const names = async (env: NodeJS.ProcessEnv) => (await createInstrumentations(env)).map((instrumentation) => instrumentation.instrumentationName).sort();
    assert.deepEqual(await names({}), [
      "@opentelemetry/instrumentation-host-metrics",
      "@opentelemetry/instrumentation-http",
      "@opentelemetry/instrumentation-openai",
      "@opentelemetry/instrumentation-runtime-node",
      "@opentelemetry/instrumentation-undici",
    ]);
    assert.deepEqual(await names({ OTEL_NODE_ENABLED_INSTRUMENTATIONS: "http,express", OTEL_NODE_DISABLED_INSTRUMENTATIONS: "express" }), [
      "@opentelemetry/instrumentation-http",
    ]);
    assert.deepEqual(
      await names({ OTEL_NODE_ENABLED_INSTRUMENTATIONS: "http,dns" }),
      ["@opentelemetry/instrumentation-dns", "@opentelemetry/instrumentation-http"],
      "a name outside ours comes from auto-instrumentations-node, alone",
    );
  });

  it("reads the instrumentation variables without writing them into the env it is given", async () => {
    const env: NodeJS.ProcessEnv = {};
    await createInstrumentations(env);
    assert.deepEqual(env, {});
  });
});
