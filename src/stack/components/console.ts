// The monitoring console (src/console) as a stack component: CONSOLE_HOST:CONSOLE_PORT (default
// 127.0.0.1:3300). It is told which health endpoints to check: the services' readiness (which
// turns DEGRADED by itself) and every other component's own health URL, as the stack runs them.
import { join } from "node:path";
import { SERVICES } from "../../services/catalog.ts";
import { envString } from "../../config/index.ts";
import { portOf } from "../ports.ts";
import { projectRoot } from "../../config/paths.ts";
import type { Component, HealthTarget } from "../types.ts";
import { STOP_TIER } from "../../lifecycle/stop-order.ts";

export interface ConsoleOptions {
  /** The components whose health the overview shows. */
  watched: Component[];
  port?: number;
  host?: string;
}

export function consoleTargets(components: Component[]): HealthTarget[] {
  return components
    .filter((component) => component.healthUrl)
    .map((component) =>
      component.name in SERVICES
        ? { name: component.name, kind: "service", healthUrl: `${component.url}/ready` }
        : { name: component.name, kind: "backend", healthUrl: component.healthUrl! },
    );
}

export function consoleComponent({ watched, port = portOf("CONSOLE_PORT"), host = envString("CONSOLE_HOST", "127.0.0.1") }: ConsoleOptions): Component {
  const reachable = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  const url = `http://${reachable.includes(":") ? `[${reachable}]` : reachable}:${port}`;
  return {
    name: "console",
    stopTier: STOP_TIER.clients,
    command: process.execPath,
    args: [join(projectRoot, "src", "console", "server.ts")],
    env: { CONSOLE_PORT: String(port), CONSOLE_HOST: host, CONSOLE_TARGETS: JSON.stringify(consoleTargets(watched)) },
    healthUrl: `${url}/health`,
    url,
  };
}
