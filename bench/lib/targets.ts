// What is compared: the bare baseline, the peer (the OpenTelemetry getting-started default) and ours,
// each cv-parser's app with GET /hello beside it, started the same way on the measured core and
// timed from spawn to its first 200.
import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { SERVICE_COMPILE_CACHE, SERVICE_NODE_FLAGS, SERVICES, serviceEnv } from "../../src/services/catalog.ts";
import { freePort } from "../../test/support/ports.ts";
import { cpuMs, spawnMeasured, stopProcess } from "./proc.ts";
import { waitForOk } from "./wait.ts";

export type Variant = "bare" | "peer" | "ours" | "before";
/**
 * Interleaved in this order. BENCH_BEFORE_ENTRY (another tree's bench/ours/server.ts, e.g. a worktree of
 * an earlier commit; a cv-parser server.ts works too, without /hello) adds a column.
 */
const ALL_VARIANTS: Variant[] = ["bare", "peer", ...(process.env.BENCH_BEFORE_ENTRY ? (["before"] as const) : []), "ours"];
/** BENCH_VARIANTS keeps a subset (e.g. `bare,before,ours` while comparing two trees); bare and ours always run. */
const asked = new Set((process.env.BENCH_VARIANTS ?? ALL_VARIANTS.join(",")).split(",").map((name) => name.trim()));
export const VARIANTS = ALL_VARIANTS.filter((variant) => variant === "bare" || variant === "ours" || asked.has(variant));

const ENTRIES: Record<Exclude<Variant, "before">, string> = {
  bare: fileURLToPath(new URL("../bare/server.ts", import.meta.url)),
  peer: fileURLToPath(new URL("../peer/server.ts", import.meta.url)),
  ours: fileURLToPath(new URL("../ours/server.ts", import.meta.url)),
};

export interface RunningTarget {
  variant: Variant;
  pid: number;
  url: string;
  /** Ours and before: the Prometheus endpoint. */
  metricsUrl?: string;
  startupMs: number;
  /** CPU time (user + system) spent until the first 200: what start-up costs, less swayed by a busy machine than wall time. */
  startupCpuMs: number;
  stop(): Promise<void>;
}

/** Starts one variant; `otlpEndpoint` is where peer and ours export (a null sink in the service benchmarks). */
export async function startTarget(variant: Variant, otlpEndpoint: string, extraEnv: Record<string, string> = {}): Promise<RunningTarget> {
  const port = await freePort();
  const metricsPort = await freePort();
  const spec = SERVICES["cv-parser"];
  const base: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "info", ...extraEnv };
  delete base.SENTRY_DSN;
  delete base.FLAGS_FILE;
  const ownSdk = variant === "ours" || variant === "before";
  // The peer is configured as its guide says: the endpoint and the service name from the environment.
  const peerEnv = variant === "peer" ? { OTEL_EXPORTER_OTLP_ENDPOINT: otlpEndpoint, OTEL_SERVICE_NAME: spec.name } : {};
  const env = ownSdk
    ? serviceEnv(spec, { ...base, [spec.portEnv]: String(port), [spec.metricsPortEnv]: String(metricsPort), OTEL_EXPORTER_OTLP_ENDPOINT: otlpEndpoint })
    : { NODE_COMPILE_CACHE: SERVICE_COMPILE_CACHE, ...base, ...peerEnv, PORT: String(port) };
  const entry = variant === "before" ? process.env.BENCH_BEFORE_ENTRY! : ENTRIES[variant];
  const started = performance.now();
  // All run with the services' node flags and compile cache (bare's and the peer's env are not a service's,
  // so they are given the cache here): the same runtime, only the telemetry differs.
  // BENCH_NODE_FLAGS (space-separated) replaces them, for runtime experiments such as GC settings.
  const flags = process.env.BENCH_NODE_FLAGS?.split(" ").filter(Boolean) ?? SERVICE_NODE_FLAGS;
  const child: ChildProcess = spawnMeasured(process.execPath, [...flags, entry], { env, stdio: ["ignore", "ignore", "inherit"] });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForOk(`${url}/health`, { child, timeoutMs: 30_000 });
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
  return {
    variant,
    pid: child.pid!,
    url,
    metricsUrl: ownSdk ? `http://127.0.0.1:${metricsPort}/metrics` : undefined,
    startupMs: performance.now() - started,
    startupCpuMs: cpuMs(child.pid!),
    stop: () => stopProcess(child),
  };
}
