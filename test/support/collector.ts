// Our collector distribution as a real process on free loopback ports, with gateway.yaml and the
// overlays given: for tests of one collector behaviour without the whole stack.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { collectorComponent } from "../../src/stack/components/collector.ts";
import { builtCollector, provisionCollector } from "../../src/stack/provision/go.ts";
import { Supervisor } from "../../src/stack/supervisor.ts";
import { freePort } from "./ports.ts";

export interface TestCollector {
  otlpHttpUrl: string;
  otlpGrpcPort: number;
  /** The collector's own metrics: <telemetryUrl>/metrics. */
  telemetryUrl: string;
  /** The prometheus exporter's pull endpoint (8889 in the stack): <prometheusUrl>/metrics. */
  prometheusUrl: string;
  supervisor: Supervisor;
  stop(): Promise<void>;
}

/** Writes a YAML overlay to a temporary file and returns its path. */
export function overlayFile(yaml: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "collector-overlay-")), "overlay.yaml");
  writeFileSync(file, yaml);
  return file;
}

/** `base` replaces gateway.yaml as the first config (e.g. collector/agent.yaml). */
export async function startCollector(binary: string, overlays: string[], env: Record<string, string> = {}, base?: string): Promise<TestCollector> {
  const [grpc, http, health, telemetry, prometheus, zpages, pprof, loopback] = await Promise.all(Array.from({ length: 8 }, freePort));
  const component = collectorComponent({
    binary,
    overlays,
    otlpGrpcPort: grpc,
    otlpHttpPort: http,
    healthPort: health,
    telemetryPort: telemetry,
    prometheusPort: prometheus,
  });
  if (base) component.args = [base, ...overlays].flatMap((file) => ["--config", file]);
  const dir = mkdtempSync(join(tmpdir(), "collector-"));
  component.env = {
    ...component.env,
    COLLECTOR_ZPAGES_PORT: String(zpages),
    COLLECTOR_PPROF_PORT: String(pprof),
    COLLECTOR_LOOPBACK_PORT: String(loopback),
    COLLECTOR_STORAGE_DIR: join(dir, "storage"),
    ...env,
  };
  const supervisor = new Supervisor(join(dir, "logs"));
  await supervisor.start(component);
  return {
    otlpHttpUrl: component.url,
    otlpGrpcPort: grpc!,
    telemetryUrl: `http://127.0.0.1:${telemetry}`,
    prometheusUrl: `http://127.0.0.1:${prometheus}`,
    supervisor,
    stop: () => supervisor.stopAll(),
  };
}

/** One collector with `base` and the overlay, its pipelines' exporters replaced by the sink. */
export async function collectorToSink(
  sink: { url: string },
  pipelines: Record<string, string[]>,
  overlays: string[] = [],
  base?: string,
  env: Record<string, string> = {},
): Promise<TestCollector> {
  const binary = builtCollector() ?? (await provisionCollector());
  const lists = Object.entries(pipelines)
    .map(([pipeline, exporters]) => `    ${pipeline}: { exporters: [${exporters.join(", ")}] }`)
    .join("\n");
  const sinkOverlay = overlayFile(`
exporters:
  otlp_http/sink:
    endpoint: ${sink.url}
    encoding: json
    compression: none
service:
  pipelines:
${lists}
`);
  return startCollector(binary, [...overlays, sinkOverlay], env, base);
}
