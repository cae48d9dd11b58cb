import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { envBoolean, envChoice, envNumber, envPort, parseKeyValueList } from "../../src/config/index.ts";
import { readTelemetryConfig } from "../../src/telemetry/config.ts";
import { captureWarnings } from "../support/warnings.ts";

describe("reading settings from the environment", () => {
  it("uses the value when it is valid", () => {
    assert.equal(envNumber("N", 5, { min: 0 }, { N: "7" }), 7);
    assert.equal(envPort("P", 80, { P: "8080" }), 8080);
    assert.equal(envBoolean("B", false, { B: "yes" }), true);
    assert.equal(envChoice("C", ["a", "b"], "a", { C: "B" }), "b");
  });

  it("warns once naming the variable, the value and the default, then carries on with the default", async () => {
    const warnings = await captureWarnings(() => {
      assert.equal(envPort("BAD_PORT_X", 9464, { BAD_PORT_X: "70000" }), 9464);
      assert.equal(envPort("BAD_PORT_X", 9464, { BAD_PORT_X: "70000" }), 9464);
    });
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /BAD_PORT_X="70000" is outside 0\.\.65535; using 9464/);
  });

  it("parses OTEL_RESOURCE_ATTRIBUTES with percent-encoded values", () => {
    assert.deepEqual(parseKeyValueList("service.name=a,deployment.environment.name=pre%20prod,broken"), {
      "service.name": "a",
      "deployment.environment.name": "pre prod",
    });
  });

  it("reads OTEL_* variables with loopback defaults", () => {
    const config = readTelemetryConfig({ serviceName: "cv-parser", metricsPort: 9465 }, {});
    assert.equal(config.serviceName, "cv-parser");
    assert.equal(config.otlpEndpoint, "http://127.0.0.1:4318");
    assert.equal(config.metricsPort, 9465);
    const overridden = readTelemetryConfig(
      {},
      {
        OTEL_SERVICE_NAME: "x",
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/",
        OTEL_RESOURCE_ATTRIBUTES: "deployment.environment.name=staging",
        LOG_LEVEL: "debug",
      },
    );
    assert.equal(overridden.serviceName, "x");
    assert.equal(overridden.otlpEndpoint, "http://collector:4318");
    assert.equal(overridden.environment, "staging");
    assert.equal(overridden.logLevel, "debug");
  });
});
