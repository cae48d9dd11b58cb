// Configs that are another config with a few things changed, generated so that they cannot drift:
// prometheus/prometheus.compose.yml from prometheus/prometheus.yml (service hostnames for loopback,
// no native-only gateway list), and collector/gateway.debug.yaml from collector/gateway.yaml (its
// entry pipelines' exporters, plus debug). `npm run gen:configs` writes both;
// test/stack/config-twins.test.ts fails while either is stale. The native files stay the sources
// and keep the default ports.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isMap, isScalar, isSeq, parse, parseDocument, visit } from "yaml";
import { SERVICES } from "../services/catalog.ts";
import { projectRoot } from "../config/paths.ts";

export const nativePrometheusConfig = join(projectRoot, "prometheus", "prometheus.yml");
export const composePrometheusConfig = join(projectRoot, "prometheus", "prometheus.compose.yml");
export const gatewayConfig = join(projectRoot, "collector", "gateway.yaml");
export const debugOverlay = join(projectRoot, "collector", "gateway.debug.yaml");

/** The compose service answering on each loopback port of prometheus.yml (Prometheus scrapes itself on localhost). */
const COMPOSE_HOSTS: Record<number, string> = {
  8888: "otel-collector",
  9090: "localhost",
  9093: "alertmanager",
  9099: "disk-metrics",
  14888: "jaeger",
  ...Object.fromEntries(Object.values(SERVICES).map((spec) => [spec.metricsPort, spec.name])),
};

const COMPOSE_HEADER = ` Generated from prometheus.yml by src/stack/config-twins.ts (npm run gen:configs): edit that file, not this one.
 Prometheus under docker compose: prometheus.yml with service hostnames instead of loopback.
 Stack it by mounting this file as /etc/prometheus/prometheus.yml and rules/ beside it; the hostnames
 (${Object.values(COMPOSE_HOSTS)
   .filter((host) => host !== "localhost")
   .join(", ")}) must match the compose services' names.`;

/** Comments of the native file that say something else under compose, by job. */
const COMPOSE_NOTES: Record<string, string> = {
  "stack-disk": " Each volume's disk against its cap, and the free space (src/stack/disk-exporter.ts).",
};

export function renderComposePrometheusConfig(native = readFileSync(nativePrometheusConfig, "utf8")): string {
  const doc = parseDocument(native);
  visit(doc, {
    Scalar(_key, node) {
      const loopback = typeof node.value === "string" ? /^127\.0\.0\.1:(\d+)$/.exec(node.value) : null;
      if (!loopback) return;
      const host = COMPOSE_HOSTS[Number(loopback[1])];
      if (!host) throw new Error(`prometheus.yml targets ${node.value as string}: give port ${loopback[1]} its compose host in src/stack/config-twins.ts`);
      node.value = `${host}:${loopback[1]}`;
    },
  });
  const jobs = doc.get("scrape_configs");
  if (!isSeq(jobs)) throw new Error("prometheus.yml has no scrape_configs list");
  for (const job of jobs.items) {
    if (!isMap(job)) continue;
    // The gateways of a native pool (STACK_GATEWAYS), listed by npm start under .stack/: none under compose.
    job.delete("file_sd_configs");
    const note = COMPOSE_NOTES[String(job.get("job_name"))];
    if (note) job.commentBefore = note;
  }
  // The native file's own header (on its first key) gives way to the compose one.
  const contents = doc.contents;
  if (isMap(contents)) {
    contents.commentBefore = null;
    const first = contents.items[0]?.key;
    if (isScalar(first)) first.commentBefore = null;
  }
  doc.commentBefore = COMPOSE_HEADER;
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

interface Pipelines {
  service: { pipelines: Record<string, { receivers: string[]; exporters: string[] }> };
}

/** The overlay: every pipeline that takes OTLP from outside (receiver otlp) also exports to debug. */
export function renderDebugOverlay(base = readFileSync(gatewayConfig, "utf8")): string {
  const { pipelines } = (parse(base) as Pipelines).service;
  const entries = Object.entries(pipelines).filter(([, pipeline]) => pipeline.receivers.includes("otlp"));
  return `# Generated from gateway.yaml by src/stack/config-twins.ts (npm run gen:configs): edit that file, not this one.
# Overlay: also print every signal through the debug exporter (one summary line per batch at
# \`basic\`; COLLECTOR_DEBUG_VERBOSITY=detailed dumps each record). Stack it after the base:
#   otelcol-gateway --config collector/gateway.yaml --config collector/gateway.debug.yaml
# Pipeline exporter lists are arrays, and arrays are replaced on merge, not appended: each list
# below restates the base's exporters plus debug, for each pipeline that receives OTLP (the
# second-stage pipelines behind otlp/loopback would print everything twice).
exporters:
  debug:
    verbosity: \${env:COLLECTOR_DEBUG_VERBOSITY:-basic}

service:
  pipelines:
${entries.map(([name, pipeline]) => `    ${name}:\n      exporters: [${[...pipeline.exporters, "debug"].join(", ")}]\n`).join("")}`;
}

/** Writes both twins; answers the files. */
export function writeConfigTwins(): string[] {
  writeFileSync(composePrometheusConfig, renderComposePrometheusConfig());
  writeFileSync(debugOverlay, renderDebugOverlay());
  return [composePrometheusConfig, debugOverlay];
}

if (import.meta.main) {
  for (const file of writeConfigTwins()) console.log(`wrote ${file}`);
}
