// prometheus/prometheus.yml rendered for this stack into its state directory. Prometheus expands no
// variables, so the copy it runs on has each scrape and Alertmanager target moved to the port where that
// part of this stack listens (STACK_PORT_OFFSET, or a port's own variable), its rule files found beside
// the source file, and the file-discovered targets (the gateway pool's) read from this stack's state dir.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import { parse, stringify } from "yaml";
import { projectRoot, statePath } from "../config/paths.ts";
import { metricsPortOf, portOf as servicePortOf, SERVICES } from "../services/catalog.ts";
import { gatewayTargetsFile } from "./components/gateway-ring.ts";
import { portOf, STACK_PORTS, type StackPortName } from "./ports.ts";

export const committedPrometheusConfig = join(projectRoot, "prometheus", "prometheus.yml");

interface StaticConfig {
  targets: string[];
  labels?: Record<string, string>;
}

interface PrometheusConfig {
  alerting?: { alertmanagers?: { static_configs?: StaticConfig[] }[] };
  rule_files?: string[];
  scrape_configs?: { static_configs?: StaticConfig[]; file_sd_configs?: { files: string[] }[] }[];
}

/** Each default port of the stack → where this stack has it. */
export function stackPortMap(env: NodeJS.ProcessEnv = process.env): Map<number, number> {
  const map = new Map<number, number>();
  for (const name of Object.keys(STACK_PORTS) as StackPortName[]) map.set(STACK_PORTS[name], portOf(name, env));
  for (const spec of Object.values(SERVICES)) {
    map.set(spec.port, servicePortOf(spec, env));
    map.set(spec.metricsPort, metricsPortOf(spec, env));
  }
  return map;
}

function moveTargets(configs: StaticConfig[] | undefined, ports: Map<number, number>): void {
  for (const config of configs ?? []) {
    config.targets = config.targets.map((target) => {
      const at = target.lastIndexOf(":");
      const port = ports.get(Number(target.slice(at + 1)));
      return port === undefined ? target : `${target.slice(0, at)}:${port}`;
    });
  }
}

/** The config at `source` (prometheus.yml, or a test's copy beside its own rules) with this stack's ports and paths. */
export function renderPrometheusConfig(source = committedPrometheusConfig, env: NodeJS.ProcessEnv = process.env): string {
  const config = parse(readFileSync(source, "utf8")) as PrometheusConfig;
  const ports = stackPortMap(env);
  for (const alertmanager of config.alerting?.alertmanagers ?? []) moveTargets(alertmanager.static_configs, ports);
  for (const job of config.scrape_configs ?? []) {
    moveTargets(job.static_configs, ports);
    for (const discovery of job.file_sd_configs ?? []) discovery.files = [join(dirname(gatewayTargetsFile()), "*.json")];
  }
  config.rule_files = (config.rule_files ?? []).map((pattern) => (isAbsolute(pattern) ? pattern : join(dirname(source), pattern)));
  return `# Rendered from ${source} by src/stack/prometheus-config.ts for this stack: edit that file, not this one.\n${stringify(config, { lineWidth: 0 })}`;
}

/** Writes the rendered config into the state dir and returns its path. */
export function writePrometheusConfig(source = committedPrometheusConfig, file = statePath("prometheus-config", "prometheus.yml")): string {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, renderPrometheusConfig(source));
  return file;
}
