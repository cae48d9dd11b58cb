// The console's gate as a browser and a hostile page meet it: same-origin redirects only, a malformed
// cookie refused (and the token in no log line), the security headers on every answer, refusals
// included, a Secure cookie behind TLS, and the Host header checked (DNS rebinding).
import assert from "node:assert/strict";
import { request as httpRequest, type Server } from "node:http";
import { after, before, describe, it, type TestContext } from "node:test";
import { createConsoleApp } from "../../src/console/app.ts";
import type { ConsoleContext } from "../../src/console/context.ts";
import { downEndpoints } from "../support/endpoints.ts";

const TOKEN = "console-token-0123456789";

async function context(): Promise<ConsoleContext> {
  const endpoints = await downEndpoints();
  return { endpoints: () => endpoints, targets: [] };
}

/** node:http with the path as given (no URL normalisation), and a Host of the test's choosing (fetch sets its own). */
function get(url: string, path: string, headers: Record<string, string> = {}) {
  const { hostname, port } = new URL(url);
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const request = httpRequest({ hostname, port, path, headers }, (response) => {
      let body = "";
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body }));
    });
    request.on("error", reject);
    request.end();
  });
}

describe("the console's gate", () => {
  let server: Server;
  let url: string;
  let origin: string;
  before(async () => {
    server = createConsoleApp({ context: await context(), token: TOKEN }).listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const { port } = server.address() as { port: number };
    url = `http://127.0.0.1:${port}`;
    origin = new URL(url).origin;
  });
  after(() => server?.close());

  for (const path of ["/.//evil.example/x", "//evil.example/x", "/\\evil.example/x", "/./\\/evil.example/x"]) {
    it(`redirects ${path}?token=… to a Location on its own origin`, async () => {
      const response = await get(url, `${path}?token=${TOKEN}`);
      assert.equal(response.status, 303);
      const location = String(response.headers.location);
      assert.equal(new URL(location, url).origin, origin, `Location: ${location}`);
      assert.doesNotMatch(location, /token=/);
    });
  }

  it("answers a malformed cookie (console_token=%E0) with a 401, not a 500", async () => {
    const response = await get(url, "/logs", { cookie: "console_token=%E0" });
    assert.equal(response.status, 401);
  });

  it("writes the token into no log line, whatever the request", async (t: TestContext) => {
    const lines: string[] = [];
    const capture = (...args: unknown[]) => void lines.push(args.map(String).join(" "));
    t.mock.method(console, "error", capture);
    t.mock.method(console, "warn", capture);
    t.mock.method(console, "log", capture);
    await get(url, `/logs?token=${TOKEN}`, { cookie: "console_token=%E0" });
    await get(url, `/logs?token=${TOKEN}x`, { cookie: "console_token=%E0" });
    assert.ok(!lines.some((line) => line.includes(TOKEN)), lines.join("\n"));
  });

  it("sends the security headers on every answer, the 401 and the redirect included", async () => {
    for (const [path, status] of [
      ["/logs", 401],
      [`/logs?token=${TOKEN}`, 303],
      ["/nowhere", 401],
    ] as const) {
      const response = await get(url, path);
      assert.equal(response.status, status, path);
      assert.match(String(response.headers["content-security-policy"]), /default-src 'self'.*frame-ancestors 'none'/, path);
      assert.equal(response.headers["x-content-type-options"], "nosniff", path);
      assert.equal(response.headers["referrer-policy"], "no-referrer", path);
    }
  });

  it("marks the cookie Secure when the request came over TLS (a proxy on loopback saying X-Forwarded-Proto: https), and only then", async () => {
    const overTls = await get(url, `/logs?token=${TOKEN}`, { "x-forwarded-proto": "https" });
    assert.match(String(overTls.headers["set-cookie"]), /;\s*Secure/i);
    const plain = await get(url, `/logs?token=${TOKEN}`);
    assert.doesNotMatch(String(plain.headers["set-cookie"]), /Secure/i);
  });

  it("refuses a Host it does not answer for (a DNS-rebinding page), with the token or without", async () => {
    const rebound = await get(url, "/health", { host: "evil.example:3300" });
    assert.equal(rebound.status, 421);
    assert.equal((await get(url, "/logs", { host: "evil.example", authorization: `Bearer ${TOKEN}` })).status, 421);
    assert.equal((await get(url, "/logs", { host: "localhost:3300", authorization: `Bearer ${TOKEN}` })).status, 200);
  });
});

describe("the console on loopback without a token", () => {
  it("refuses a Host it does not answer for, and answers its own names", async () => {
    const server = createConsoleApp({ context: await context(), allowedHosts: "console.internal" }).listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      assert.equal((await get(url, "/logs", { host: "rebind.evil.example:3300" })).status, 421);
      for (const host of ["127.0.0.1:3300", "localhost", "[::1]:3300", "console.internal:443"])
        assert.equal((await get(url, "/logs", { host })).status, 200, host);
    } finally {
      server.close();
    }
  });
});
