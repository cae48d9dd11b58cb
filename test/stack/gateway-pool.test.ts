// The native gateway pool's layout: which ports each gateway takes, and what the agent is told.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { firstGatewayPort, gatewayCount, gatewayPool } from "../../src/stack/components/gateway-pool.ts";
import { ringFile } from "../../src/stack/components/gateway-ring.ts";
import { STOP_TIER } from "../../src/lifecycle/stop-order.ts";

describe("gatewayPool", () => {
  const pool = gatewayPool("/opt/otelcol-gateway", 3);
  const gateways = pool.slice(0, 3);
  const agent = pool.at(-1)!;

  test("starts the gateways before the agent, named gateway-1…N and agent", () => {
    assert.deepEqual(
      pool.map(({ name }) => name),
      ["gateway-1", "gateway-2", "gateway-3", "agent"],
    );
  });

  test("stops the agent before the gateways (its last batches go to them), and both after the services, before the backends", () => {
    for (const gateway of gateways) assert.ok(agent.stopTier! < gateway.stopTier!, `agent tier ${agent.stopTier}, ${gateway.name} tier ${gateway.stopTier}`);
    assert.ok(agent.stopTier! > STOP_TIER.services && gateways.every(({ stopTier }) => stopTier! < STOP_TIER.backends));
  });

  test("gives every gateway its own block of ports, none shared with another or with the agent", () => {
    const ports = pool.flatMap(({ env }) =>
      Object.entries(env!)
        .filter(([key]) => key.endsWith("_PORT"))
        .map(([, value]) => Number(value)),
    );
    assert.equal(new Set(ports).size, ports.length, `ports: ${ports.join(", ")}`);
    assert.equal(gateways[0]!.env!.COLLECTOR_OTLP_GRPC_PORT, String(firstGatewayPort()));
    assert.equal(gateways[1]!.env!.COLLECTOR_OTLP_GRPC_PORT, String(firstGatewayPort() + 10));
  });

  test("runs the gateways with the tail-sampling overlay and their own instance label and storage", () => {
    for (const [i, gateway] of gateways.entries()) {
      assert.match(gateway.args.join(" "), /gateway\.yaml --config \S+gateway\.tail-sampling\.yaml$/);
      assert.equal(gateway.env!.COLLECTOR_INSTANCE, `gateway-${i + 1}`);
      assert.match(gateway.env!.COLLECTOR_STORAGE_DIR!, new RegExp(`gateway-${i + 1}$`));
    }
  });

  test("points the agent at every gateway's OTLP gRPC port, on the collector's usual ports", () => {
    const first = firstGatewayPort();
    assert.equal(agent.env!.AGENT_GATEWAYS, `[127.0.0.1:${first}, 127.0.0.1:${first + 10}, 127.0.0.1:${first + 20}]`);
    assert.deepEqual(agent.args.slice(-2), ["--config", ringFile()]);
    assert.equal(agent.url, `http://127.0.0.1:${agent.env!.COLLECTOR_OTLP_HTTP_PORT}`);
  });
});

describe("gatewayCount", () => {
  test("reads STACK_GATEWAYS, 0 when unset, and falls back to 0 on a bad value", () => {
    assert.equal(gatewayCount({}), 0);
    assert.equal(gatewayCount({ STACK_GATEWAYS: "2" }), 2);
    assert.equal(gatewayCount({ STACK_GATEWAYS: "lots" }), 0);
    assert.equal(gatewayCount({ STACK_GATEWAYS: "50" }), 0);
  });
});
