// Prometheus for the native stack: loopback only, remote-write receiver on, 7 days of data in <state>/prometheus,
// and never more than its share of STACK_DISK_BUDGET (the oldest blocks go first, whichever limit is hit).
import { join } from "node:path";
import type { Component } from "../types.ts";
import { portOf } from "../ports.ts";
import { diskBudget } from "../../config/disk-budget.ts";
import { projectRoot, statePath } from "../../config/paths.ts";

export interface PrometheusOptions {
  /** From provisionPrometheus(); default: `prometheus` on PATH. */
  binary?: string;
  port?: number;
  dataDir?: string;
  /** Default prometheus/prometheus.yml; tests point at a copy with a rules overlay. */
  configFile?: string;
  /** --storage.tsdb.retention.size in bytes; default its share of STACK_DISK_BUDGET. */
  retentionBytes?: number;
}

export function prometheusComponent({
  binary = "prometheus",
  port = portOf("PROMETHEUS_PORT"),
  dataDir = statePath("prometheus"),
  configFile = join(projectRoot, "prometheus", "prometheus.yml"),
  retentionBytes = diskBudget().caps.prometheus,
}: PrometheusOptions = {}): Component {
  const url = `http://127.0.0.1:${port}`;
  return {
    name: "prometheus",
    command: binary,
    args: [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${dataDir}`,
      "--storage.tsdb.retention.time=7d",
      // Counts blocks, WAL and head chunks; only whole blocks (2 h and more) are ever deleted, so the
      // WAL of the last few hours is what it cannot cut: the cap keeps room for it (docs/reliability.md).
      `--storage.tsdb.retention.size=${Math.floor(retentionBytes / 2 ** 20)}MB`,
      `--web.listen-address=127.0.0.1:${port}`,
      // Alerts link back to their query here (generatorURL), not at the machine's hostname.
      `--web.external-url=${url}`,
      // The collector may push with prometheusremotewrite instead of being scraped.
      "--web.enable-remote-write-receiver",
      // No --web.enable-lifecycle: any local process could POST /-/quit. Nothing reloads (rules are read at start).
      // Keeps the exemplars (trace ids) the collector's span metrics send by remote write.
      "--enable-feature=exemplar-storage",
    ],
    healthUrl: `${url}/-/ready`,
    url,
    startTimeoutMs: 30_000,
  };
}
