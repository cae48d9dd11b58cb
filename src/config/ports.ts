// STACK_PORT_OFFSET=<n> moves a whole stack: every port it opens is its default plus n, so a second
// stack (another checkout, a test file, a demo) runs beside the first. A port's own variable
// (PROMETHEUS_PORT…) still wins over the shifted default.
import { envNumber, envPort } from "./env.ts";

/**
 * Every default port plus the offset stays below Linux's ephemeral range (32768-60999), where any
 * outgoing connection may take a port before its part binds it: the highest default is Jaeger's 16686.
 */
export const MAX_PORT_OFFSET = 9800;

export function portOffset(env: NodeJS.ProcessEnv = process.env): number {
  return envNumber("STACK_PORT_OFFSET", 0, { min: 0, max: MAX_PORT_OFFSET, integer: true }, env);
}

/** `name` when set, else `fallback` shifted by STACK_PORT_OFFSET. */
export function stackPort(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  return envPort(name, fallback + portOffset(env), env);
}
