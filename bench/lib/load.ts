// Load with autocannon (in this process, on the load core): a realistic CV posted to
// cv-parser's route, either at a fixed overall rate or as fast as the service answers.
import { readFileSync } from "node:fs";
import autocannon from "autocannon";

export const CV = readFileSync(new URL("../../src/corpus/cvs/cv01-en-backend-senior.txt", import.meta.url), "utf8");

export interface LoadResult {
  /** Responses received, any status. */
  responses: number;
  ok: number;
  failed: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export interface LoadOptions {
  durationS: number;
  /** Requests/s over all connections; none: saturate. */
  rate?: number;
  connections?: number;
}

export async function postCvs(baseUrl: string, { durationS, rate, connections = 10 }: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: `${baseUrl}/v1/cvs/parse`,
    method: "POST",
    headers: { "content-type": "text/plain; charset=utf-8" },
    body: CV,
    connections,
    duration: durationS,
    ...(rate ? { overallRate: rate } : {}),
  });
  const responses = result["1xx"] + result["2xx"] + result["3xx"] + result["4xx"] + result["5xx"];
  return {
    responses,
    ok: result["2xx"],
    failed: responses - result["2xx"] + result.errors,
    requestsPerSecond: responses / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  };
}
