// Every port the native stack opens besides the services' (src/services/catalog.ts), by the variable
// that sets it and its default: one table, so STACK_PORT_OFFSET moves them all, and the rendered
// Prometheus config (prometheus-config.ts) finds each scrape target's port where the part really is.
import { stackPort } from "../config/ports.ts";

export const STACK_PORTS = {
  COLLECTOR_OTLP_GRPC_PORT: 4317,
  COLLECTOR_OTLP_HTTP_PORT: 4318,
  /** The collector's internal hand-over from its queues to its own receiver (collector/gateway.yaml). */
  COLLECTOR_LOOPBACK_PORT: 4319,
  COLLECTOR_HEALTH_PORT: 13133,
  COLLECTOR_TELEMETRY_PORT: 8888,
  COLLECTOR_PROMETHEUS_PORT: 8889,
  /** Not upstream's 55679: that is in the ephemeral range, where a test stack's collector once found it taken. */
  COLLECTOR_ZPAGES_PORT: 15679,
  COLLECTOR_PPROF_PORT: 1777,
  /** Gateway i (STACK_GATEWAYS) owns this + 10·(i−1) … +7 (src/stack/components/gateway-pool.ts). */
  FIRST_GATEWAY_PORT: 14417,
  JAEGER_QUERY_PORT: 16686,
  JAEGER_QUERY_GRPC_PORT: 16685,
  JAEGER_OTLP_GRPC_PORT: 14317,
  JAEGER_OTLP_HTTP_PORT: 14318,
  /** Jaeger's classic admin port: 13133 + 1000 (a second stack's collector health) must not land on it. */
  JAEGER_HEALTH_PORT: 14269,
  JAEGER_TELEMETRY_PORT: 14888,
  PROMETHEUS_PORT: 9090,
  ALERTMANAGER_PORT: 9093,
  OPENSEARCH_PORT: 9200,
  OPENSEARCH_TRANSPORT_PORT: 9300,
  BUGSINK_PORT: 8000,
  CONSOLE_PORT: 3300,
  NOTIFICATIONS_PORT: 9097,
  DISK_METRICS_PORT: 9099,
} as const;

export type StackPortName = keyof typeof STACK_PORTS;

/** The port `name` of this stack: its variable when set, else its default plus STACK_PORT_OFFSET. */
export function portOf(name: StackPortName, env: NodeJS.ProcessEnv = process.env): number {
  return stackPort(name, STACK_PORTS[name], env);
}
