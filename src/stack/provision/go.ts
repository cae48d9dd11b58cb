// The Go-built parts of the stack: our collector distribution (ocb), Jaeger v2, telemetrygen and Sloth.
// Each is built once into the cache and reused while a stamp says its inputs are unchanged; the
// Go module and build caches in $HOME make a rebuild after an input change take seconds, not minutes.
// OTELCOL_BIN, JAEGER_BIN and TELEMETRYGEN_BIN point at binaries of your own instead.
import { existsSync, globSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { cacheDir, projectRoot } from "../../config/paths.ts";
import { digestOf, isExecutable } from "./digest.ts";
import { buildOnce } from "./once.ts";
import { run } from "./run.ts";

/** One collector release for the builder, every component in the manifest and telemetrygen. */
export const COLLECTOR_RELEASE = "v0.161.0";
/**
 * Manifest modules the proxy does not serve at COLLECTOR_RELEASE, each pinned to the newest release it
 * has; Go builds them against the release's core. The manifest test allows exactly these.
 */
export const BEHIND_RELEASE: Record<string, string> = {
  "go.opentelemetry.io/collector/extension/memorylimiterextension": "v0.149.0",
  "github.com/open-telemetry/opentelemetry-collector-contrib/exporter/elasticsearchexporter": "v0.157.0",
};
/** prometheus/sloth/go.mod pins it; stamped into the binary, which prints it atop every generated file. */
export const SLOTH_VERSION = "v0.16.0";
/** jaeger/build/go.mod pins module tag v1.76.0: the same commit as the v2.13.0 release (tagged together). */
export const JAEGER_VERSION = "v2.13.0";

export const builderConfig = join(projectRoot, "collector", "builder-config.yaml");
/** Our own components (Go modules the manifest names by path:): their sources are inputs of the build too. */
const ownComponents = ["processor", "extension"].map((kind) => join(projectRoot, "collector", kind));
const jaegerModule = join(projectRoot, "jaeger", "build");
const slothModule = join(projectRoot, "prometheus", "sloth");

/**
 * How Go runs here. The proxy serves these releases, but the checksum database has no entry
 * for many of their modules, so it is skipped for the OpenTelemetry module paths only (the
 * committed jaeger/build/go.sum still pins Jaeger's whole graph).
 * Parallelism: one build at a time, at most two packages compiling (other builds share the machine).
 */
export function goEnv(): Record<string, string> {
  const jobs = process.env.OTEL_GATEWAY_GO_JOBS ?? String(Math.min(2, availableParallelism()));
  const noSum = ["go.opentelemetry.io/collector", "github.com/open-telemetry/opentelemetry-collector-contrib", "go.opentelemetry.io/ebpf-profiler"];
  return {
    GOFLAGS: [process.env.GOFLAGS, `-p=${jobs}`].filter(Boolean).join(" "),
    GONOSUMDB: [process.env.GONOSUMDB, ...noSum].filter(Boolean).join(","),
    CGO_ENABLED: "0",
  };
}

/** The binary named by an override variable, or undefined; an override that points nowhere is an error. */
export function override(variable: string): string | undefined {
  const file = process.env[variable];
  if (!file) return undefined;
  if (!isExecutable(file)) throw new Error(`${variable}=${file} is not an executable file`);
  return file;
}

export function isFresh(binary: string, digest: string): boolean {
  const stamp = `${binary}.stamp`;
  return isExecutable(binary) && existsSync(stamp) && readFileSync(stamp, "utf8").trim() === digest;
}

/** Builds `binary` with `build` unless it exists and its stamp holds `digest`; one build at a time on the machine. */
export async function cached(name: string, binary: string, digest: string, build: () => Promise<void>): Promise<string> {
  await buildOnce(
    name,
    `building ${binary}`,
    () => isFresh(binary, digest),
    async () => {
      await build();
      if (!isExecutable(binary)) throw new Error(`${name}: the build finished but ${binary} is missing`);
      writeFileSync(`${binary}.stamp`, `${digest}\n`);
    },
  );
  return binary;
}

async function provisionBuilder(): Promise<string> {
  const bin = cacheDir("bin");
  const builder = join(bin, "builder");
  return cached("ocb", builder, COLLECTOR_RELEASE, async () => {
    const pkg = `go.opentelemetry.io/collector/cmd/builder@${COLLECTOR_RELEASE}`;
    await run("go", ["install", "-trimpath", "-ldflags=-s -w", pkg], { env: { ...goEnv(), GOBIN: bin } });
  });
}

function collectorBinary(): string {
  return join(cacheDir("otelcol"), "otelcol-gateway", "otelcol-gateway");
}

/** The manifest and every file of our own components, in a stable order: a change to any rebuilds. */
function collectorInputs(): string[] {
  const sources = ownComponents.flatMap((dir) => globSync("**/*.{go,mod,sum}", { cwd: dir }).map((file) => join(dir, file)));
  return [builderConfig, ...sources.sort()];
}

/** The collector binary if it is already there (override or an up-to-date build), without building. */
export function builtCollector(): string | undefined {
  const own = override("OTELCOL_BIN");
  if (own) return own;
  return isFresh(collectorBinary(), digestOf(...collectorInputs())) ? collectorBinary() : undefined;
}

/**
 * Our collector distribution, built by ocb from collector/builder-config.yaml into the cache. It runs
 * in collector/, which the local modules' path: is relative to; --output-path puts the build in the cache.
 */
export async function provisionCollector(): Promise<string> {
  const own = override("OTELCOL_BIN");
  if (own) return own;
  const output = join(cacheDir("otelcol"), "otelcol-gateway");
  return cached("collector", collectorBinary(), digestOf(...collectorInputs()), async () => {
    const builder = await provisionBuilder();
    await run(builder, ["--config", builderConfig, "--output-path", output], { cwd: join(projectRoot, "collector"), env: goEnv() });
  });
}

function jaegerBinary(): string {
  return join(cacheDir("bin"), "jaeger");
}

function jaegerInputs(): string[] {
  return [join(jaegerModule, "go.mod"), join(jaegerModule, "go.sum")];
}

/** The Jaeger binary if it is already there (override or an up-to-date build), without building. */
export function builtJaeger(): string | undefined {
  const own = override("JAEGER_BIN");
  if (own) return own;
  return isFresh(jaegerBinary(), digestOf(...jaegerInputs())) ? jaegerBinary() : undefined;
}

/**
 * Jaeger v2. Not `go install …/cmd/jaeger@version`: Jaeger's go.mod has a replace directive,
 * which go install refuses, so jaeger/build is a one-line module that requires Jaeger as a
 * tool and repeats that replace; its go.sum pins the whole dependency graph.
 */
export async function provisionJaeger(): Promise<string> {
  const own = override("JAEGER_BIN");
  if (own) return own;
  const binary = jaegerBinary();
  return cached("jaeger", binary, digestOf(...jaegerInputs()), async () => {
    const version = `-X github.com/jaegertracing/jaeger/internal/version.latestVersion=${JAEGER_VERSION}`;
    const args = ["build", "-trimpath", `-ldflags=-s -w ${version}`, "-o", binary, "github.com/jaegertracing/jaeger/cmd/jaeger"];
    await run("go", args, { cwd: jaegerModule, env: goEnv() });
  });
}

/** telemetrygen from collector-contrib at the same release as the collector. */
export async function provisionTelemetrygen(): Promise<string> {
  const own = override("TELEMETRYGEN_BIN");
  if (own) return own;
  const bin = cacheDir("bin");
  const binary = join(bin, "telemetrygen");
  return cached("telemetrygen", binary, COLLECTOR_RELEASE, async () => {
    const pkg = `github.com/open-telemetry/opentelemetry-collector-contrib/cmd/telemetrygen@${COLLECTOR_RELEASE}`;
    await run("go", ["install", "-trimpath", "-ldflags=-s -w", pkg], { env: { ...goEnv(), GOBIN: bin } });
  });
}

/**
 * Sloth, which generates the SLO recording and alert rules (src/alerting/slo.ts). Like Jaeger, built
 * from a one-line module (prometheus/sloth) that requires it as a tool: the proxy lists no versions
 * of it, so `go install …@v0.16.0` is refused while a pinned requirement resolves.
 */
export async function provisionSloth(): Promise<string> {
  const own = override("SLOTH_BIN");
  if (own) return own;
  const binary = join(cacheDir("bin"), "sloth");
  const inputs = [join(slothModule, "go.mod"), join(slothModule, "go.sum")];
  return cached("sloth", binary, digestOf(...inputs), async () => {
    const version = `-X github.com/slok/sloth/internal/info.Version=${SLOTH_VERSION}`;
    await run("go", ["build", "-trimpath", `-ldflags=-s -w ${version}`, "-o", binary, "github.com/slok/sloth/cmd/sloth"], { cwd: slothModule, env: goEnv() });
  });
}

/**
 * compose-check (tools/compose-check): docker-compose files loaded, interpolated and validated against
 * the Compose specification by its own Go loader, compose-spec/compose-go, without Docker.
 */
export async function provisionComposeCheck(): Promise<string> {
  const module = join(projectRoot, "tools", "compose-check");
  const binary = join(cacheDir("bin"), "compose-check");
  const inputs = ["go.mod", "go.sum", "main.go"].map((file) => join(module, file));
  return cached("compose-check", binary, digestOf(...inputs), async () => {
    await run("go", ["build", "-trimpath", "-ldflags=-s -w", "-o", binary, "."], { cwd: module, env: goEnv() });
  });
}
