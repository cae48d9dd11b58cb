// Jaeger v2 for the native stack: traces stored in the stack's OpenSearch, OTLP in from the gateway
// collector, the query HTTP API on loopback; every port from env, handed to jaeger/config.yaml.
import { join } from "node:path";
import type { Component } from "../types.ts";
import { projectRoot } from "../../config/paths.ts";
import { envPort } from "../../config/index.ts";

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
  queryPort = envPort("JAEGER_QUERY_PORT", 16686),
  queryGrpcPort = envPort("JAEGER_QUERY_GRPC_PORT", 16685),
  otlpGrpcPort = envPort("JAEGER_OTLP_GRPC_PORT", 14317),
  otlpHttpPort = envPort("JAEGER_OTLP_HTTP_PORT", 14318),
  healthPort = envPort("JAEGER_HEALTH_PORT", 14133),
  telemetryPort = envPort("JAEGER_TELEMETRY_PORT", 14888),
  storeUrl = `http://127.0.0.1:${envPort("OPENSEARCH_PORT", 9200)}`,
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
