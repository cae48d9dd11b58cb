// The gateway collector for the native stack: our ocb-built distribution with collector/gateway.yaml,
// listening on loopback; every port from env, handed to the config through the same variables.
import { join } from "node:path";
import { remoteWriteUrl } from "../../backends/prometheus.ts";
import type { Component } from "../types.ts";
import { STOP_TIER } from "../../lifecycle/stop-order.ts";
import { projectRoot, statePath } from "../../config/paths.ts";
import { portOf } from "../ports.ts";
import { diskBudget } from "../../config/disk-budget.ts";

/** COLLECTOR_CONFIG runs another base config (e.g. an older gateway.yaml, to measure against it). */
export const gatewayConfig = process.env.COLLECTOR_CONFIG ?? join(projectRoot, "collector", "gateway.yaml");

export interface CollectorOptions {
  /** From provisionCollector(); default: `otelcol-gateway` on PATH. */
  binary?: string;
  /** More config files merged over gateway.yaml, in order (see the comment atop gateway.yaml). */
  overlays?: string[];
  otlpGrpcPort?: number;
  otlpHttpPort?: number;
  healthPort?: number;
  /** The collector's own metrics (service::telemetry). */
  telemetryPort?: number;
  /** The prometheus (pull) exporter: application and span metrics. */
  prometheusPort?: number;
  /** Where Jaeger's OTLP gRPC receiver listens (jaegerComponent's otlpGrpcPort). */
  jaegerOtlpPort?: number;
  /** zpages and pprof (on COLLECTOR_DEBUG_HOST), and the queues' hand-over to the collector's own receiver. */
  zpagesPort?: number;
  pprofPort?: number;
  loopbackPort?: number;
}

export function collectorComponent({
  binary = "otelcol-gateway",
  overlays = [],
  otlpGrpcPort = portOf("COLLECTOR_OTLP_GRPC_PORT"),
  otlpHttpPort = portOf("COLLECTOR_OTLP_HTTP_PORT"),
  healthPort = portOf("COLLECTOR_HEALTH_PORT"),
  telemetryPort = portOf("COLLECTOR_TELEMETRY_PORT"),
  prometheusPort = portOf("COLLECTOR_PROMETHEUS_PORT"),
  jaegerOtlpPort = portOf("JAEGER_OTLP_GRPC_PORT"),
  zpagesPort = portOf("COLLECTOR_ZPAGES_PORT"),
  pprofPort = portOf("COLLECTOR_PPROF_PORT"),
  loopbackPort = portOf("COLLECTOR_LOOPBACK_PORT"),
}: CollectorOptions = {}): Component {
  const configs = [gatewayConfig, ...overlays].flatMap((file) => ["--config", file]);
  return {
    name: "collector",
    // After the services (their last flush comes here), before the backends it exports to.
    stopTier: STOP_TIER.collectors,
    command: binary,
    args: configs,
    env: {
      COLLECTOR_HOST: "127.0.0.1",
      COLLECTOR_OTLP_GRPC_PORT: String(otlpGrpcPort),
      COLLECTOR_OTLP_HTTP_PORT: String(otlpHttpPort),
      COLLECTOR_HEALTH_PORT: String(healthPort),
      COLLECTOR_TELEMETRY_PORT: String(telemetryPort),
      COLLECTOR_PROMETHEUS_PORT: String(prometheusPort),
      COLLECTOR_ZPAGES_PORT: String(zpagesPort),
      COLLECTOR_PPROF_PORT: String(pprofPort),
      COLLECTOR_LOOPBACK_PORT: String(loopbackPort),
      // Per state directory (one per stack), so one stack's queued items are never another's to deliver.
      COLLECTOR_STORAGE_DIR: process.env.COLLECTOR_STORAGE_DIR ?? statePath("collector-storage"),
      // Each persistent queue's share of STACK_DISK_BUDGET (256 MiB of the default 10 GiB), unless set outright.
      COLLECTOR_QUEUE_BYTES: process.env.COLLECTOR_QUEUE_BYTES ?? String(diskBudget().queueBytes),
      // An explicit JAEGER_OTLP_ENDPOINT (a remote Jaeger) wins over the local port.
      JAEGER_OTLP_ENDPOINT: process.env.JAEGER_OTLP_ENDPOINT ?? `127.0.0.1:${jaegerOtlpPort}`,
      // This stack's own backends (STACK_PORT_OFFSET), unless set outright (a remote store).
      PROMETHEUS_REMOTE_WRITE_URL: process.env.PROMETHEUS_REMOTE_WRITE_URL ?? remoteWriteUrl(`http://127.0.0.1:${portOf("PROMETHEUS_PORT")}`),
      ELASTICSEARCH_ENDPOINT: process.env.ELASTICSEARCH_ENDPOINT ?? `http://127.0.0.1:${portOf("OPENSEARCH_PORT")}`,
    },
    healthUrl: `http://127.0.0.1:${healthPort}/`,
    // What an SDK's OTEL_EXPORTER_OTLP_ENDPOINT points at.
    url: `http://127.0.0.1:${otlpHttpPort}`,
  };
}
