// Where a stack writes and which ports it opens: STACK_STATE_DIR and STACK_PORT_OFFSET move a whole
// stack, a port's own variable still wins, and a bad offset warns and keeps the default ports.
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, test } from "node:test";
import { endpointsFile, projectRoot, stateDir } from "../../src/config/paths.ts";
import { portOffset, stackPort } from "../../src/config/ports.ts";
import { metricsPortOf, portOf as servicePort, SERVICES } from "../../src/services/catalog.ts";
import { portOf, STACK_PORTS } from "../../src/stack/ports.ts";

describe("the state dir", () => {
  test("is <project>/.stack unless STACK_STATE_DIR names another, made absolute", () => {
    assert.equal(stateDir({}), join(projectRoot, ".stack"));
    assert.equal(stateDir({ STACK_STATE_DIR: "/tmp/stack2" }), "/tmp/stack2");
    assert.equal(stateDir({ STACK_STATE_DIR: "relative/dir" }), join(process.cwd(), "relative", "dir"));
  });

  test("holds endpoints.json, unless ENDPOINTS_FILE points elsewhere", () => {
    assert.equal(endpointsFile({ STACK_STATE_DIR: "/tmp/stack2" }), "/tmp/stack2/endpoints.json");
    assert.equal(endpointsFile({ STACK_STATE_DIR: "/tmp/stack2", ENDPOINTS_FILE: "/elsewhere.json" }), "/elsewhere.json");
  });
});

describe("STACK_PORT_OFFSET", () => {
  const env = { STACK_PORT_OFFSET: "1000" };

  test("moves every port of the stack and of the services by the same amount", () => {
    for (const name of Object.keys(STACK_PORTS) as (keyof typeof STACK_PORTS)[]) assert.equal(portOf(name, env), STACK_PORTS[name] + 1000, name);
    for (const spec of Object.values(SERVICES)) {
      assert.equal(servicePort(spec, env), spec.port + 1000, spec.name);
      assert.equal(metricsPortOf(spec, env), spec.metricsPort + 1000, spec.name);
    }
  });

  test("leaves a port set outright where it is", () => {
    assert.equal(stackPort("PROMETHEUS_PORT", 9090, { ...env, PROMETHEUS_PORT: "9999" }), 9999);
  });

  test("out of range or not a number, warns and keeps the default ports", () => {
    assert.equal(portOffset({}), 0);
    assert.equal(portOffset({ STACK_PORT_OFFSET: "60000" }), 0);
    assert.equal(portOffset({ STACK_PORT_OFFSET: "ten" }), 0);
  });
});
