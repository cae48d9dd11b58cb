// prometheus/prometheus.yml rendered for this stack into its state directory. Prometheus expands no
// variables, so the copy it runs on has each scrape and Alertmanager target moved to the port where that
// part of this stack listens (STACK_PORT_OFFSET, or a port's own variable), and the file-discovered targets
// (the gateway pool's) read from this stack's state dir. Its rule files are rendered beside it: their
// runbook links name the inbox's default port, and must lead to this stack's inbox.
import { globSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join } from "node:path";
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

/** A rule file with each loopback URL (the runbook links) moved to this stack's port. */
export function renderRules(text: string, env: NodeJS.ProcessEnv = process.env): string {
  const ports = stackPortMap(env);
  return text.replace(/\bhttp:\/\/127\.0\.0\.1:(\d+)/g, (url, port: string) => `http://127.0.0.1:${ports.get(Number(port)) ?? port}`);
}

/** The config at `source` (prometheus.yml, or a test's copy beside its own rules) with this stack's ports and
 * paths; its rule files read from `rulesDir` when given (where writePrometheusConfig renders them). */
export function renderPrometheusConfig(source = committedPrometheusConfig, env: NodeJS.ProcessEnv = process.env, rulesDir?: string): string {
  const config = parse(readFileSync(source, "utf8")) as PrometheusConfig;
  const ports = stackPortMap(env);
  for (const alertmanager of config.alerting?.alertmanagers ?? []) moveTargets(alertmanager.static_configs, ports);
  for (const job of config.scrape_configs ?? []) {
    moveTargets(job.static_configs, ports);
    for (const discovery of job.file_sd_configs ?? []) discovery.files = [join(dirname(gatewayTargetsFile()), "*.json")];
  }
  config.rule_files = (config.rule_files ?? []).map((pattern) => (isAbsolute(pattern) ? pattern : join(dirname(source), pattern)));
  if (rulesDir) config.rule_files = [join(rulesDir, "*.yml")];
  return `# Rendered from ${source} by src/stack/prometheus-config.ts for this stack: edit that file, not this one.\n${stringify(config, { lineWidth: 0 })}`;
}

/** Writes the rendered config, and its rule files into rules/ beside it, into the state dir; returns its path. */
export function writePrometheusConfig(source = committedPrometheusConfig, file = statePath("prometheus-config", "prometheus.yml")): string {
  const rulesDir = join(dirname(file), "rules");
  mkdirSync(rulesDir, { recursive: true });
  const unrendered = parse(renderPrometheusConfig(source)) as PrometheusConfig;
  const ruleFiles = (unrendered.rule_files ?? []).flatMap((pattern) => globSync(pattern));
  const names = new Set(ruleFiles.map((path) => basename(path)));
  if (names.size !== ruleFiles.length) throw new Error(`two rule files of ${source} share a name: ${ruleFiles.join(", ")}`);
  for (const path of globSync(join(rulesDir, "*.yml"))) if (!names.has(basename(path))) rmSync(path);
  for (const path of ruleFiles) writeFileSync(join(rulesDir, basename(path)), renderRules(readFileSync(path, "utf8")));
  writeFileSync(file, renderPrometheusConfig(source, process.env, rulesDir));
  return file;
}
