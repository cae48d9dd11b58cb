// Alertmanager for the native stack: loopback only, no clustering, state in <state>/alertmanager, on the
// config rendered from alertmanager/alertmanager.yml with the receivers' URLs from env (src/alerting,
// handed to the launcher by its caller). Prometheus finds it at ALERTMANAGER_PORT (9093 +
// STACK_PORT_OFFSET) through its rendered config (src/stack/prometheus-config.ts).
import type { Component } from "../types.ts";
import { join } from "node:path";
import { portOf } from "../ports.ts";
import { projectRoot, statePath } from "../../config/paths.ts";

/** The committed config: every receiver posts to the local notification inbox. */
export const committedAlertmanagerConfig = join(projectRoot, "alertmanager", "alertmanager.yml");

export interface AlertmanagerOptions {
  /** From provisionPrometheus(); default: Debian's `prometheus-alertmanager` on PATH. */
  binary?: string;
  port?: number;
  dataDir?: string;
  /** Default: the committed file (its receivers post to the local inbox). */
  configFile?: string;
}

export function alertmanagerComponent({
  binary = "prometheus-alertmanager",
  port = portOf("ALERTMANAGER_PORT"),
  dataDir = statePath("alertmanager"),
  configFile = committedAlertmanagerConfig,
}: AlertmanagerOptions = {}): Component {
  const url = `http://127.0.0.1:${port}`;
  return {
    name: "alertmanager",
    command: binary,
    args: [
      `--config.file=${configFile}`,
      `--storage.path=${dataDir}`,
      `--web.listen-address=127.0.0.1:${port}`,
      // An empty address turns the gossip cluster (port 9094 on every interface) off.
      "--cluster.listen-address=",
      // Links in notifications point here, not at the machine's hostname.
      `--web.external-url=${url}`,
    ],
    healthUrl: `${url}/-/ready`,
    url,
    startTimeoutMs: 30_000,
  };
}
