// Alertmanager for the native stack: loopback only, no clustering, state in .stack/alertmanager.
// prometheus/prometheus.yml sends alerts to 127.0.0.1:9093; a different ALERTMANAGER_PORT needs that edited too.
import { join } from "node:path";
import type { Component } from "../types.ts";
import { projectRoot } from "../provision/util.ts";
import { envPort } from "../../telemetry/env.ts";
import { stackDataDir } from "../provision/util.ts";

export interface AlertmanagerOptions {
  /** From provisionPrometheus(); default: Debian's `prometheus-alertmanager` on PATH. */
  binary?: string;
  port?: number;
  dataDir?: string;
}

export function alertmanagerComponent({
  binary = "prometheus-alertmanager",
  port = envPort("ALERTMANAGER_PORT", 9093),
  dataDir = stackDataDir("alertmanager"),
}: AlertmanagerOptions = {}): Component {
  const url = `http://127.0.0.1:${port}`;
  return {
    name: "alertmanager",
    command: binary,
    args: [
      `--config.file=${join(projectRoot, "alertmanager", "alertmanager.yml")}`,
      `--storage.path=${dataDir}`,
      `--web.listen-address=127.0.0.1:${port}`,
      // An empty address turns the gossip cluster (port 9094 on every interface) off.
      "--cluster.listen-address=",
    ],
    healthUrl: `${url}/-/ready`,
    url,
    startTimeoutMs: 30_000,
  };
}
