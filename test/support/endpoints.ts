// A stack's endpoints with every part at one URL: an in-process stand-in that serves all the
// backends' APIs (stand-in-backends.ts), or a free port nothing listens on, for "every backend down".
import type { Endpoints } from "../../src/stack/endpoints.ts";
import { freePort } from "./ports.ts";

export function endpointsAt(url: string): Endpoints {
  return {
    matchingApi: url,
    cvParser: url,
    jobParser: url,
    collector: url,
    collectorGrpc: new URL(url).host,
    collectorTelemetry: url,
    jaeger: url,
    prometheus: url,
    alertmanager: url,
    elasticsearch: url,
    sentry: { url, dsn: "", projectId: 1, apiToken: "t" },
  };
}

/** Every part on one loopback port that was free a moment ago: each call is refused (ECONNREFUSED). */
export async function downEndpoints(): Promise<Endpoints> {
  return endpointsAt(`http://127.0.0.1:${await freePort()}`);
}
