// The three demo services: names, entry points and default ports, in one place for the servers,
// `npm run services`, `npm start` and the tests.
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stackPort } from "../config/ports.ts";

export interface ServiceSpec {
  name: "matching-api" | "cv-parser" | "job-parser";
  /** Env variable holding the HTTP port, and its default. */
  portEnv: string;
  port: number;
  /** Env variable holding the /metrics port, and its default. */
  metricsPortEnv: string;
  metricsPort: number;
  entry: string;
  /** What its SLOs measure (prometheus/slo/<name>.yml is generated from this: npm run slo). */
  slo: ServiceSlo;
}

export interface ServiceSlo {
  /** The API routes, as a regex on http_route: probes and admin routes neither spend nor earn budget. */
  routes: string;
  /** The latency SLO's name and its threshold, a bucket bound of the request-duration histogram. */
  latency: { name: string; seconds: number };
}

const entry = (name: string) => new URL(`./${name}/server.ts`, import.meta.url).pathname;

export const SERVICES = {
  "matching-api": {
    name: "matching-api",
    portEnv: "MATCHING_API_PORT",
    port: 8080,
    metricsPortEnv: "MATCHING_API_METRICS_PORT",
    metricsPort: 9464,
    entry: entry("matching-api"),
    slo: { routes: "/v1/matches.*", latency: { name: "latency", seconds: 0.5 } },
  },
  "cv-parser": {
    name: "cv-parser",
    portEnv: "CV_PARSER_PORT",
    port: 8081,
    metricsPortEnv: "CV_PARSER_METRICS_PORT",
    metricsPort: 9465,
    entry: entry("cv-parser"),
    slo: { routes: "/v1/cvs/parse", latency: { name: "parse-latency", seconds: 10 } },
  },
  "job-parser": {
    name: "job-parser",
    portEnv: "JOB_PARSER_PORT",
    port: 8082,
    metricsPortEnv: "JOB_PARSER_METRICS_PORT",
    metricsPort: 9466,
    entry: entry("job-parser"),
    slo: { routes: "/v1/jobs/parse", latency: { name: "parse-latency", seconds: 10 } },
  },
} as const satisfies Record<string, ServiceSpec>;

export type ServiceName = keyof typeof SERVICES;

/**
 * Node flags every service process runs with. The young generation is capped at 8 MiB: V8 grows it
 * with the allocation rate, and with telemetry's short-lived objects it reached ~100 MiB under load,
 * nearly doubling a loaded service's resident memory; capped, scavenges stay short and the CPU cost
 * was not measurable (`npm run bench`, docs/performance.md).
 */
export const SERVICE_NODE_FLAGS = ["--max-semi-space-size=8"];

/**
 * Where Node keeps the V8 code it compiled for a service's modules (NODE_COMPILE_CACHE), so the next
 * start reuses it instead of compiling the SDK, the instrumentations and the app again: cv-parser's
 * start-up CPU fell by about a third and its resident memory by about 20 MiB (docs/performance.md).
 * Keyed by each file's content and the Node version, so a changed file or another tree never reuses stale code.
 */
export const SERVICE_COMPILE_CACHE = join(tmpdir(), "otel-gateway-node-compile-cache");

/** The node arguments that start a service: its flags, then its entry point. */
export function serviceArgs(spec: ServiceSpec): string[] {
  return [...SERVICE_NODE_FLAGS, spec.entry];
}

export function portOf(spec: ServiceSpec, env = process.env): number {
  return stackPort(spec.portEnv, spec.port, env);
}

export function metricsPortOf(spec: ServiceSpec, env = process.env): number {
  return stackPort(spec.metricsPortEnv, spec.metricsPort, env);
}

/** The environment a service process gets: its ports, where its peers are, OTel identity. */
export function serviceEnv(spec: ServiceSpec, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const host = env.HOST && env.HOST !== "0.0.0.0" ? env.HOST : "127.0.0.1";
  return {
    NODE_COMPILE_CACHE: SERVICE_COMPILE_CACHE,
    ...env,
    OTEL_SERVICE_NAME: spec.name,
    OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPortOf(spec, env)),
    CV_PARSER_URL: env.CV_PARSER_URL ?? `http://${host}:${portOf(SERVICES["cv-parser"], env)}`,
    JOB_PARSER_URL: env.JOB_PARSER_URL ?? `http://${host}:${portOf(SERVICES["job-parser"], env)}`,
  };
}
