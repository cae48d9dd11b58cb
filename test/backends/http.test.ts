// Every backend client fails the same way: a BackendError naming the method, the URL and the cause,
// whether nothing listens, nothing answers in time, or the backend answers an error.
import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { BackendError, queryInstant, traceById } from "../../src/backends/index.ts";
import { callJson } from "../../src/backends/http.ts";
import { freePort } from "../support/ports.ts";
import { startStandIn, type StandIn } from "../support/stand-in-backends.ts";

describe("a backend call that fails", () => {
  let server: Server;
  let url: string;
  let standIn: StandIn;
  before(async () => {
    server = createServer((request, response) => {
      if (request.url === "/hang") return; // never answers
      if (request.url?.startsWith("/api/v1/query")) return response.writeHead(200).end(JSON.stringify({ status: "error", error: "query timed out" }));
      response.writeHead(503, { "content-type": "text/plain" }).end("store is read-only");
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    standIn = await startStandIn({});
  });
  after(async () => {
    server.closeAllConnections();
    server.close();
    await standIn.close();
  });

  it("names the URL and the refused connection when nothing listens", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const error = await callJson(`${closed}/api/services`).catch((e: unknown) => e);
    assert.ok(error instanceof BackendError);
    assert.equal(error.message, `GET ${closed}/api/services: ECONNREFUSED`);
    assert.equal(error.status, undefined);
  });

  it("names the bound when nothing answers in time", async () => {
    const error = await callJson(`${url}/hang`, { timeoutMs: 200 }).catch((e: unknown) => e);
    assert.ok(error instanceof BackendError);
    assert.equal(error.message, `GET ${url}/hang: no answer within 200 ms`);
  });

  it("names the status and the start of the body, and keeps the whole URL", async () => {
    const error = await callJson(`${url}/otel-logs/_count?q=x`, { body: { query: {} } }).catch((e: unknown) => e);
    assert.ok(error instanceof BackendError);
    assert.equal(error.message, `POST ${url}/otel-logs/_count: answered 503: store is read-only`);
    assert.equal(error.status, 503);
    assert.equal(error.url, `${url}/otel-logs/_count?q=x`);
  });

  it("takes Prometheus's status error in a 200 answer for an error", async () => {
    await assert.rejects(queryInstant(url, "up"), (error: Error) => error instanceof BackendError && /query timed out/.test(error.message));
  });

  it("is no error when Jaeger does not know the trace: no spans", async () => {
    assert.deepEqual(await traceById(standIn.endpoints.jaeger, "0".repeat(32)), []);
  });
});
