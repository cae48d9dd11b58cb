// Load with autocannon (in this process, on the load core) on one of the bench's two routes: a
// realistic CV posted to cv-parser's route, or GET /hello; at a fixed overall rate or as fast as the
// service answers.
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import { HELLO_PATH } from "./hello.ts";

export const CV = readFileSync(new URL("../../src/corpus/cvs/cv01-en-backend-senior.txt", import.meta.url), "utf8");

export interface Route {
  /** How the table names it. */
  label: string;
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export const ROUTES = {
  cv: { label: "parse a CV", method: "POST", path: "/v1/cvs/parse", headers: { "content-type": "text/plain; charset=utf-8" }, body: CV },
  hello: { label: "GET /hello", method: "GET", path: HELLO_PATH },
} satisfies Record<string, Route>;

export type RouteName = keyof typeof ROUTES;
export const ROUTE_NAMES = Object.keys(ROUTES) as RouteName[];

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

export async function load(baseUrl: string, route: Route, { durationS, rate, connections = 10 }: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: `${baseUrl}${route.path}`,
    method: route.method,
    ...(route.headers ? { headers: route.headers } : {}),
    ...(route.body ? { body: route.body } : {}),
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
