// The disk exporter (src/stack/disk-exporter.ts) for the native stack: each part's disk against its
// cap, and the filesystem's free space, on 127.0.0.1:${DISK_METRICS_PORT:-9099}/metrics for Prometheus.
import { join } from "node:path";
import type { Component } from "../types.ts";
import { portOf } from "../ports.ts";
import { projectRoot } from "../../config/paths.ts";

export function diskMetricsComponent({ port = portOf("DISK_METRICS_PORT") }: { port?: number } = {}): Component {
  const url = `http://127.0.0.1:${port}`;
  return {
    name: "disk-metrics",
    command: process.execPath,
    args: [join(projectRoot, "src", "stack", "disk-exporter.ts")],
    env: { DISK_METRICS_PORT: String(port) },
    healthUrl: `${url}/health`,
    url: `${url}/metrics`,
  };
}
