// What NodeSDK used to read from the environment, now read by sdk.ts and its helpers: the sampler,
// span limits, resource detectors and the instrumentation allow-list.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createInstrumentations } from "../../src/telemetry/instrumentations.ts";
import { resourceDetectorsFromEnv } from "../../src/telemetry/resource.ts";
import { samplerFromEnv, spanLimitsFromEnv } from "../../src/telemetry/sampler.ts";

describe("the SDK settings from the standard variables", () => {
  it("keeps every trace by default, and honours OTEL_TRACES_SAMPLER[_ARG]", () => {
    assert.match(samplerFromEnv({}).toString(), /ParentBased\{root=AlwaysOnSampler/);
    assert.equal(samplerFromEnv({ OTEL_TRACES_SAMPLER: "always_off" }).toString(), "AlwaysOffSampler");
    assert.match(samplerFromEnv({ OTEL_TRACES_SAMPLER: "parentbased_traceidratio", OTEL_TRACES_SAMPLER_ARG: "0.25" }).toString(), /TraceIdRatioBased\{0\.25\}/);
  });

  it("reads span limits, the span-specific variable winning over the general one", () => {
    assert.deepEqual(spanLimitsFromEnv({}), {});
    assert.deepEqual(spanLimitsFromEnv({ OTEL_ATTRIBUTE_COUNT_LIMIT: "64", OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT: "32", OTEL_SPAN_EVENT_COUNT_LIMIT: "8" }), {
      attributeCountLimit: 32,
      eventCountLimit: 8,
    });
  });

  it("detects env, process and host by default; OTEL_NODE_RESOURCE_DETECTORS picks or drops them", () => {
    assert.equal(resourceDetectorsFromEnv({}).length, 3);
    assert.equal(resourceDetectorsFromEnv({ OTEL_NODE_RESOURCE_DETECTORS: "none" }).length, 0);
    assert.equal(resourceDetectorsFromEnv({ OTEL_NODE_RESOURCE_DETECTORS: "env,os" }).length, 2);
  });

  it("loads only the allow-listed instrumentations, trimmed by OTEL_NODE_DISABLED_INSTRUMENTATIONS", async () => {
    const names = async (env: NodeJS.ProcessEnv) => (await createInstrumentations(env)).map((instrumentation) => instrumentation.instrumentationName).sort();
    assert.deepEqual(await names({}), [
      "@opentelemetry/instrumentation-express",
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
