// What is compared: the bare baseline and the instrumented cv-parser, started the same way on the
// measured core, each timed from spawn to its first 200.
import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { SERVICE_COMPILE_CACHE, SERVICE_NODE_FLAGS, SERVICES, serviceEnv } from "../../src/services/catalog.ts";
import { freePort } from "../../test/support/ports.ts";
import { cpuMs, spawnMeasured, stopProcess } from "./proc.ts";
import { waitForOk } from "./wait.ts";

export type Variant = "bare" | "ours" | "before";
/** BENCH_BEFORE_ENTRY (another tree's cv-parser server.ts, e.g. a worktree of main) adds a third column. */
export const VARIANTS: Variant[] = process.env.BENCH_BEFORE_ENTRY ? ["bare", "before", "ours"] : ["bare", "ours"];

export interface RunningTarget {
  variant: Variant;
  pid: number;
  url: string;
  /** Not bare: the Prometheus endpoint. */
  metricsUrl?: string;
  startupMs: number;
  /** CPU time (user + system) spent until the first 200: what start-up costs, less swayed by a busy machine than wall time. */
  startupCpuMs: number;
  stop(): Promise<void>;
}

const BARE_ENTRY = fileURLToPath(new URL("../bare/server.ts", import.meta.url));

/** Starts one variant; `otlpEndpoint` is where ours exports (a null sink in the service benchmarks). */
export async function startTarget(variant: Variant, otlpEndpoint: string, extraEnv: Record<string, string> = {}): Promise<RunningTarget> {
  const port = await freePort();
  const metricsPort = await freePort();
  const spec = SERVICES["cv-parser"];
  const base: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "info", ...extraEnv };
  delete base.SENTRY_DSN;
  delete base.FLAGS_FILE;
  const env =
    variant === "bare"
      ? { NODE_COMPILE_CACHE: SERVICE_COMPILE_CACHE, ...base, PORT: String(port) }
      : serviceEnv(spec, { ...base, [spec.portEnv]: String(port), [spec.metricsPortEnv]: String(metricsPort), OTEL_EXPORTER_OTLP_ENDPOINT: otlpEndpoint });
  const entry = variant === "bare" ? BARE_ENTRY : variant === "before" ? process.env.BENCH_BEFORE_ENTRY! : spec.entry;
  const started = performance.now();
  // All run with the services' node flags and compile cache (bare's env is not a service's, so it is given
  // the cache here): the same runtime, only the telemetry differs.
  const child: ChildProcess = spawnMeasured(process.execPath, [...SERVICE_NODE_FLAGS, entry], { env, stdio: ["ignore", "ignore", "inherit"] });
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
    metricsUrl: variant === "bare" ? undefined : `http://127.0.0.1:${metricsPort}/metrics`,
    startupMs: performance.now() - started,
    startupCpuMs: cpuMs(child.pid!),
    stop: () => stopProcess(child),
  };
}
