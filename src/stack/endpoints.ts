// <state dir>/endpoints.json (src/config/paths.ts): where every running component is, for the lookup command, tests and users.
import { mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { endpointsFile } from "../config/paths.ts";
import { writePrivateFile } from "../lifecycle/private-file.ts";

export interface SentryEndpoint {
  url: string;
  dsn: string;
  projectId: number | string;
  apiToken: string;
}

export interface Endpoints {
  matchingApi: string;
  cvParser: string;
  jobParser: string;
  /** Where the services send OTLP: the single collector, or the agent in front of a gateway pool. */
  collector: string;
  /** The same collector's OTLP gRPC receiver, as host:port (telemetrygen's --otlp-endpoint). */
  collectorGrpc: string;
  /** The same collector's own telemetry (otelcol_* metrics at <collectorTelemetry>/metrics). */
  collectorTelemetry: string;
  /** STACK_GATEWAYS=N: the agent and every gateway, with its health URL. */
  collectors?: { name: string; url: string; health: string; metrics: string }[];
  jaeger: string;
  prometheus: string;
  alertmanager: string;
  elasticsearch: string;
  sentry?: SentryEndpoint;
  /** The local notification inbox, when some alert receiver is not configured (src/alerting/inbox). */
  notifications?: { url: string };
  /** The monitoring console (src/console). */
  console?: string;
  /** STACK_DISK_BUDGET, its split into caps (bytes), and the disk exporter's metrics URL (src/stack/disk-caps.ts). */
  disk?: {
    budget: string;
    budgetBytes: number;
    capBytes: Record<"store" | "prometheus" | "queues" | "logs", number>;
    storeFloodStageFreeBytes: number;
    metrics: string;
  };
}

export { endpointsFile };

/** 0600: it carries Bugsink's full-access API token and the DSN. */
export function writeEndpoints(endpoints: Endpoints, file = endpointsFile()): void {
  mkdirSync(dirname(file), { recursive: true });
  writePrivateFile(file, `${JSON.stringify(endpoints, null, 2)}\n`);
}

export function readEndpoints(file = endpointsFile()): Endpoints {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Endpoints;
  } catch (error) {
    throw new Error(`No running stack found (${file}): start one with \`npm start\``, { cause: error });
  }
}
