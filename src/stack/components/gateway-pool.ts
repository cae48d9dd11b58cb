// The scaled-out collector tier for the native stack (STACK_GATEWAYS=N, N ≥ 1): N gateways with the
// tail-sampling overlay, each on its own block of ports from 14417 up, and one agent on the usual
// collector ports (4317/4318/13133/8888) that spreads telemetry over them by trace id and service.
import { join } from "node:path";
import { envNumber } from "../../config/index.ts";
import { projectRoot, statePath } from "../../config/paths.ts";
import type { Running, Supervisor } from "../supervisor.ts";
import type { Component } from "../types.ts";
import { collectorComponent } from "./collector.ts";
import { keepRing, ringFile, writeGatewayTargets, writeRing } from "./gateway-ring.ts";
import { STOP_TIER } from "../../lifecycle/stop-order.ts";
import { portOf } from "../ports.ts";

export const agentConfig = join(projectRoot, "collector", "agent.yaml");
export const tailSamplingOverlay = join(projectRoot, "collector", "gateway.tail-sampling.yaml");

/** Gateway i (1-based) owns ports FIRST_GATEWAY_PORT + 10·(i−1) … +7 (14417 + STACK_PORT_OFFSET by default). */
export const firstGatewayPort = () => portOf("FIRST_GATEWAY_PORT");

/** How many gateways STACK_GATEWAYS asks for (at most 8); 0 (unset): the single collector of the default stack. */
export function gatewayCount(env: NodeJS.ProcessEnv = process.env): number {
  return envNumber("STACK_GATEWAYS", 0, { min: 0, max: 8, integer: true }, env);
}

export function gatewayComponent(index: number, binary: string): Component {
  const base = firstGatewayPort() + 10 * (index - 1);
  const name = `gateway-${index}`;
  const component = collectorComponent({
    binary,
    overlays: [tailSamplingOverlay],
    otlpGrpcPort: base,
    otlpHttpPort: base + 1,
    healthPort: base + 2,
    telemetryPort: base + 3,
    prometheusPort: base + 4,
    zpagesPort: base + 5,
    pprofPort: base + 6,
    // Each gateway's queues hand over to its own loopback receiver (collector/gateway.yaml).
    loopbackPort: base + 7,
  });
  return {
    ...component,
    name,
    env: {
      ...component.env,
      COLLECTOR_INSTANCE: name,
      // The file_storage extension locks its files: one directory per gateway.
      COLLECTOR_STORAGE_DIR: join(statePath("collector-storage"), name),
    },
    // What the agent sends to: OTLP gRPC.
    url: `http://127.0.0.1:${base}`,
  };
}

/** The agent: where the services send, on the single collector's ports (so they need no change). */
export function agentComponent(binary: string, gateways: Component[]): Component {
  const single = collectorComponent({ binary });
  const hostnames = gateways.map((gateway) => new URL(gateway.url).host);
  return {
    ...single,
    name: "agent",
    // Before the gateways: its last batches go to them.
    stopTier: STOP_TIER.agent,
    // The overlay holds the gateways that answer (gateway-ring.ts); AGENT_GATEWAYS is agent.yaml's own default.
    args: ["--config", agentConfig, "--config", ringFile()],
    env: {
      COLLECTOR_HOST: single.env!.COLLECTOR_HOST!,
      COLLECTOR_OTLP_GRPC_PORT: single.env!.COLLECTOR_OTLP_GRPC_PORT!,
      COLLECTOR_OTLP_HTTP_PORT: single.env!.COLLECTOR_OTLP_HTTP_PORT!,
      COLLECTOR_HEALTH_PORT: single.env!.COLLECTOR_HEALTH_PORT!,
      COLLECTOR_TELEMETRY_PORT: single.env!.COLLECTOR_TELEMETRY_PORT!,
      AGENT_GATEWAYS: `[${hostnames.join(", ")}]`,
    },
  };
}

/** Gateways first (the agent's first batches must find them), then the agent. */
export function gatewayPool(binary: string, count: number): Component[] {
  const gateways = Array.from({ length: count }, (_, i) => gatewayComponent(i + 1, binary));
  return [...gateways, agentComponent(binary, gateways)];
}

/** Starts the pool, writes the agent's list and Prometheus's targets, and keeps the list to the live gateways.
 * With count 0 it only empties the targets (an earlier pool's gateways would be scraped, and alert, as down). */
/** `prepareAgent` lets the caller wrap the agent's component (OTLP access for clients beyond loopback). */
export async function startGatewayPool(
  supervisor: Supervisor,
  binary: string,
  count: number,
  onEvent?: (message: string) => void,
  prepareAgent: (agent: Component) => Component = (agent) => agent,
): Promise<{ collectors: Running[]; stop(): void }> {
  const pool = count ? gatewayPool(binary, count) : [];
  const gateways = pool.slice(0, -1);
  writeGatewayTargets(gateways);
  if (!count) return { collectors: [], stop: () => {} };
  writeRing(gateways);
  const collectors: Running[] = [];
  for (const component of pool) collectors.push(await supervisor.start(component.name === "agent" ? prepareAgent(component) : component));
  const ring = keepRing(gateways, collectors.at(-1)!, onEvent);
  return { collectors, stop: () => ring.stop() };
}
