// What our own code needs to know, read once from the standard OTEL_* variables (and LOG_LEVEL /
// NODE_ENV), with loopback defaults. NodeSDK reads OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES
// for the resource itself; they are read here only for what it does not hand back: the name, version
// and environment on our stdout log lines and Sentry events, and the defaults under its resource.
import { readFileSync } from "node:fs";
import { envChoice, envNumber, envPort, envString, parseKeyValueList } from "../config/index.ts";

const packageJson = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  version: string;
};

export const LOG_LEVELS = ["error", "warn", "info", "http", "verbose", "debug", "silly"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface TelemetryConfig {
  serviceName: string;
  serviceVersion: string;
  environment: string;
  /** Base URL; signal paths (/v1/traces …) are appended by the exporters. */
  otlpEndpoint: string;
  metricsHost: string;
  /** 0 disables the /metrics endpoint. */
  metricsPort: number;
  metricExportIntervalMs: number;
  logLevel: LogLevel;
  prettyLogs: boolean;
  /** How long shutdown may take to flush every provider. */
  shutdownTimeoutMs: number;
}

export interface ConfigDefaults {
  serviceName?: string;
  metricsPort?: number;
}

export function readTelemetryConfig(defaults: ConfigDefaults = {}, env: NodeJS.ProcessEnv = process.env): TelemetryConfig {
  const resourceAttributes = parseKeyValueList(env.OTEL_RESOURCE_ATTRIBUTES);
  return {
    serviceName: envString("OTEL_SERVICE_NAME", resourceAttributes["service.name"] ?? defaults.serviceName ?? "unknown_service:node", env),
    serviceVersion: resourceAttributes["service.version"] ?? packageJson.version,
    environment: resourceAttributes["deployment.environment.name"] ?? envString("NODE_ENV", "development", env),
    otlpEndpoint: envString("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318", env).replace(/\/+$/, ""),
    metricsHost: envString("OTEL_EXPORTER_PROMETHEUS_HOST", "127.0.0.1", env),
    metricsPort: envPort("OTEL_EXPORTER_PROMETHEUS_PORT", defaults.metricsPort ?? 9464, env),
    // 10 s rather than the spec's 60 s: a request is counted on the remote-write path within ~15 s;
    // one small export per 10 s is nothing next to the requests it counts.
    metricExportIntervalMs: envNumber("OTEL_METRIC_EXPORT_INTERVAL", 10_000, { min: 100, integer: true }, env),
    logLevel: envChoice("LOG_LEVEL", LOG_LEVELS, "info", env),
    prettyLogs: env.NODE_ENV === "development",
    shutdownTimeoutMs: envNumber("OTEL_GATEWAY_SHUTDOWN_TIMEOUT", 5_000, { min: 100, integer: true }, env),
  };
}
