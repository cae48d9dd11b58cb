// Issue 13: every component our distribution builds is used by a shipped config (collector/*.yaml),
// and every component a shipped config uses is built. Both sides are parsed as YAML: the manifest's
// gomod paths are mapped to the component types the configs name (`…/otlphttpexporter` → otlp_http).
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { parse } from "yaml";
import { builderConfig, builtCollector } from "../../src/stack/provision/go.ts";
import { projectRoot } from "../../src/config/paths.ts";
import { run } from "../../src/stack/provision/run.ts";

const KINDS = ["receivers", "processors", "exporters", "connectors", "extensions"] as const;
type Kind = (typeof KINDS)[number];

/** Module names whose component type is not the name minus its kind suffix (underscores, renames). */
const TYPE_OF_MODULE: Record<string, string> = {
  otlpexporter: "otlp_grpc",
  otlphttpexporter: "otlp_http",
  memorylimiterprocessor: "memory_limiter",
  memorylimiterextension: "memory_limiter",
  tailsamplingprocessor: "tail_sampling",
  healthcheckextension: "health_check",
  filestorage: "file_storage",
  spanmetricsconnector: "span_metrics",
  loadbalancingexporter: "load_balancing",
  prometheusremotewriteexporter: "prometheus_remote_write",
  jsonlimitextension: "json_limit",
};

/** Built, used by no shipped config: each must leave the manifest at its next rebuild (the binary is shared). */
const BUILT_FOR_REMOVAL: Record<string, string> = {};

const SUFFIX: Record<Kind, string> = {
  receivers: "receiver",
  processors: "processor",
  exporters: "exporter",
  connectors: "connector",
  extensions: "extension",
};

function componentType(kind: Kind, gomod: string): string {
  const module = gomod.split(" ")[0]!.split("/").at(-1)!;
  return TYPE_OF_MODULE[module] ?? module.replace(new RegExp(`${SUFFIX[kind]}$`), "");
}

type Manifest = Partial<Record<Kind, Array<{ gomod: string }>>>;
const manifest = parse(readFileSync(builderConfig, "utf8")) as Manifest;
const built = new Set(KINDS.flatMap((kind) => (manifest[kind] ?? []).map(({ gomod }) => `${kind}/${componentType(kind, gomod)}`)));

interface Config {
  service?: { extensions?: string[]; pipelines?: Record<string, { receivers?: string[]; processors?: string[]; exporters?: string[] }> };
  [section: string]: unknown;
}
const collectorDir = join(projectRoot, "collector");
const shipped = readdirSync(collectorDir).filter((file) => file.endsWith(".yaml") && file !== "builder-config.yaml");
const configs = shipped.map((file) => ({ file, config: (parse(readFileSync(join(collectorDir, file), "utf8")) ?? {}) as Config }));

/** `otlp_http/store` → `otlp_http`. */
const typeOf = (id: string) => id.split("/")[0]!;

/** Components a config defines in its sections, as kind/type. */
function defined({ config }: (typeof configs)[number]): string[] {
  return KINDS.flatMap((kind) => Object.keys((config[kind] as Record<string, unknown> | undefined) ?? {}).map((id) => `${kind}/${typeOf(id)}`));
}

/** Connector ids of every config: an overlay's pipeline may name one its base defines. */
const connectors = new Set(configs.flatMap(({ config }) => Object.keys((config.connectors as Record<string, unknown> | undefined) ?? {})));

/** Components a config puts to work: in a pipeline (a connector is an exporter of one and a receiver of another) or in service::extensions. */
function used({ config }: (typeof configs)[number]): string[] {
  const pipelines = Object.values(config.service?.pipelines ?? {});
  const inPipelines = pipelines.flatMap((pipeline) => [
    ...(pipeline.receivers ?? []).map((id) => (connectors.has(id) ? `connectors/${typeOf(id)}` : `receivers/${typeOf(id)}`)),
    ...(pipeline.processors ?? []).map((id) => `processors/${typeOf(id)}`),
    ...(pipeline.exporters ?? []).map((id) => (connectors.has(id) ? `connectors/${typeOf(id)}` : `exporters/${typeOf(id)}`)),
  ]);
  return [...inPipelines, ...(config.service?.extensions ?? []).map((id) => `extensions/${typeOf(id)}`)];
}

describe("the collector manifest and the shipped configs", () => {
  test("the manifest and the configs both parse and name components", () => {
    assert.ok(built.size > 20, `only ${built.size} components in the manifest`);
    assert.ok(configs.length >= 5, `only ${configs.length} configs in collector/`);
  });

  test("every built component is used by a shipped config", () => {
    const inUse = new Set(configs.flatMap(used));
    const unused = [...built].filter((component) => !inUse.has(component) && !(component in BUILT_FOR_REMOVAL));
    assert.deepEqual(unused, [], `built but used by none of ${shipped.join(", ")}`);
  });

  test("the components awaiting removal from the manifest are still built and still unused", () => {
    const inUse = new Set(configs.flatMap(used));
    for (const component of Object.keys(BUILT_FOR_REMOVAL)) {
      assert.ok(built.has(component), `${component} left the manifest: drop it from BUILT_FOR_REMOVAL`);
      assert.ok(!inUse.has(component), `${component} is used now: drop it from BUILT_FOR_REMOVAL`);
    }
  });

  for (const entry of configs) {
    test(`every component collector/${entry.file} defines or uses is built`, () => {
      const missing = [...new Set([...defined(entry), ...used(entry)])].filter((component) => !built.has(component));
      assert.deepEqual(missing, [], `not in collector/builder-config.yaml`);
    });
  }

  const binary = builtCollector();
  test(
    "the types mapped from module paths are the ones the built binary registers",
    { skip: binary ? false : "no collector built yet (src/stack/provision/go.ts builds it)" },
    async () => {
      const listed = parse(await run(binary!, ["components"], { quiet: true })) as Partial<Record<Kind, Array<{ name: string }>>>;
      const registered = new Set(KINDS.flatMap((kind) => (listed[kind] ?? []).map(({ name }) => `${kind}/${name}`)));
      assert.deepEqual([...built].sort(), [...registered].sort());
    },
  );

  test("module paths map to the types the configs use", () => {
    assert.equal(componentType("exporters", "go.opentelemetry.io/collector/exporter/otlphttpexporter v0.161.0"), "otlp_http");
    assert.equal(
      componentType("extensions", "github.com/open-telemetry/opentelemetry-collector-contrib/extension/storage/filestorage v0.161.0"),
      "file_storage",
    );
    assert.equal(
      componentType("extensions", "github.com/open-telemetry/opentelemetry-collector-contrib/extension/bearertokenauthextension v0.161.0"),
      "bearertokenauth",
    );
    assert.equal(
      componentType("connectors", "github.com/open-telemetry/opentelemetry-collector-contrib/connector/spanmetricsconnector v0.161.0"),
      "span_metrics",
    );
  });
});
