// One in-process HTTP server standing in for Jaeger's query API, the Elasticsearch API, Prometheus and
// Bugsink's API, answering in their shapes: for traces no real Jaeger would hold in a test's time
// (30,000 spans, a 20,000-deep chain, names with terminal escapes) and for counting Bugsink calls.
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Endpoints } from "../../src/stack/endpoints.ts";
import { endpointsAt } from "./endpoints.ts";

export interface StandInSpan {
  spanID: string;
  operationName: string;
  parent?: string;
  startTime: number;
  duration: number;
}

export interface StandIn {
  endpoints: Endpoints;
  /** Requests Bugsink's API got so far. */
  bugsinkCalls(): number;
  close(): Promise<void>;
}

export async function startStandIn({
  traces = {},
  issues = 50,
  eventsPerIssue = 50,
  logBody = "",
}: {
  traces?: Record<string, StandInSpan[]>;
  issues?: number;
  eventsPerIssue?: number;
  /** One log line of the trace, with this body (none when empty). */
  logBody?: string;
}): Promise<StandIn> {
  let bugsink = 0;
  const now = new Date().toISOString();
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://stand-in");
    const json = (status: number, body: unknown) => response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    const trace = /^\/api\/traces\/([0-9a-f]{32})$/.exec(url.pathname)?.[1];
    if (trace) {
      const spans = traces[trace];
      if (!spans) return json(404, { errors: [{ code: 404, msg: "trace not found" }] });
      return json(200, {
        data: [
          {
            traceID: trace,
            processes: { p1: { serviceName: "matching-api" } },
            spans: spans.map((span) => ({
              ...span,
              processID: "p1",
              references: span.parent ? [{ refType: "CHILD_OF", spanID: span.parent }] : [],
              tags: [],
            })),
          },
        ],
      });
    }
    if (url.pathname.endsWith("/_search")) {
      const traceId = Object.keys(traces)[0];
      const hits =
        logBody && traceId
          ? [{ _source: { "@timestamp": now, Body: logBody, SeverityText: "ERROR", TraceId: traceId, "Resource.service.name": "cv-parser" } }]
          : [];
      return json(200, { hits: { hits } });
    }
    if (url.pathname === "/api/v1/query") return json(200, { status: "success", data: { resultType: "vector", result: [] } });
    if (url.pathname.startsWith("/api/canonical/0/")) {
      bugsink++;
      if (url.pathname === "/api/canonical/0/issues/")
        return json(200, { results: Array.from({ length: issues }, (_, i) => ({ id: `issue-${i}`, last_seen: now })) });
      if (url.pathname === "/api/canonical/0/events/")
        return json(200, {
          results: Array.from({ length: eventsPerIssue }, (_, i) => ({ id: `${url.searchParams.get("issue")}-event-${i}`, timestamp: now })),
        });
      return json(200, { id: url.pathname.split("/").at(-2), data: { message: "event", contexts: { trace: { trace_id: "0".repeat(32) } } } });
    }
    json(404, { error: "not found" });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoints: endpointsAt(url),
    bugsinkCalls: () => bugsink,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** `count` spans, each a child of the root (siblings) or of the one before (a chain). */
export function spansOf(shape: "siblings" | "chain", count: number): StandInSpan[] {
  const spans: StandInSpan[] = [{ spanID: "0".padStart(16, "0"), operationName: "root", startTime: 1_700_000_000_000_000, duration: 1_000_000 }];
  for (let i = 1; i < count; i++) {
    const parent = shape === "siblings" ? spans[0]!.spanID : spans[i - 1]!.spanID;
    spans.push({ spanID: i.toString(16).padStart(16, "0"), operationName: `op ${i}`, parent, startTime: spans[0]!.startTime + i, duration: 10 });
  }
  return spans;
}
