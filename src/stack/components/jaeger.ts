// Jaeger v2 for the native stack: traces stored in the stack's OpenSearch, OTLP in from the gateway
// collector, the query HTTP API on loopback; every port from env, handed to jaeger/config.yaml.
import { join } from "node:path";
import type { Component } from "../types.ts";
import { projectRoot } from "../../config/paths.ts";
import { portOf } from "../ports.ts";

export const jaegerConfig = join(projectRoot, "jaeger", "config.yaml");

export interface JaegerOptions {
  /** From provisionJaeger(); default: `jaeger` on PATH. */
  binary?: string;
  config?: string;
  /** The query service: HTTP API (and UI placeholder). */
  queryPort?: number;
  queryGrpcPort?: number;
  otlpGrpcPort?: number;
  otlpHttpPort?: number;
  healthPort?: number;
  telemetryPort?: number;
  /** Where the traces are stored: the stack's OpenSearch. */
  storeUrl?: string;
}

export function jaegerComponent({
  binary = "jaeger",
  config = jaegerConfig,
  queryPort = portOf("JAEGER_QUERY_PORT"),
  queryGrpcPort = portOf("JAEGER_QUERY_GRPC_PORT"),
  otlpGrpcPort = portOf("JAEGER_OTLP_GRPC_PORT"),
  otlpHttpPort = portOf("JAEGER_OTLP_HTTP_PORT"),
  healthPort = portOf("JAEGER_HEALTH_PORT"),
  telemetryPort = portOf("JAEGER_TELEMETRY_PORT"),
  storeUrl = `http://127.0.0.1:${portOf("OPENSEARCH_PORT")}`,
}: JaegerOptions = {}): Component {
  const url = `http://127.0.0.1:${queryPort}`;
  return {
    name: "jaeger",
    command: binary,
    args: ["--config", config],
    env: {
      JAEGER_HOST: "127.0.0.1",
      JAEGER_QUERY_PORT: String(queryPort),
      JAEGER_QUERY_GRPC_PORT: String(queryGrpcPort),
      JAEGER_OTLP_GRPC_PORT: String(otlpGrpcPort),
      JAEGER_OTLP_HTTP_PORT: String(otlpHttpPort),
      JAEGER_HEALTH_PORT: String(healthPort),
      JAEGER_TELEMETRY_PORT: String(telemetryPort),
      OPENSEARCH_ENDPOINT: storeUrl,
    },
    // healthcheckv2 answers 200 on /status once every pipeline component reports OK.
    healthUrl: `http://127.0.0.1:${healthPort}/status`,
    url,
  };
}
