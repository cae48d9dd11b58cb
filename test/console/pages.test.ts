// The console in-process, with every backend down (nothing listens on their ports): each page still
// renders and says which backend did not answer; bad query parameters get a 400 page; the token gate.
import assert from "node:assert/strict";
import type { Server } from "node:http";
import { after, before, describe, it } from "node:test";
import { createConsoleApp } from "../../src/console/app.ts";
import type { ConsoleContext } from "../../src/console/context.ts";
import { downEndpoints } from "../support/endpoints.ts";

async function listen(app: ReturnType<typeof createConsoleApp>): Promise<{ server: Server; url: string }> {
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const address = server.address();
  return { server, url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}` };
}

async function downContext(): Promise<ConsoleContext> {
  const endpoints = await downEndpoints();
  const down = endpoints.prometheus;
  return {
    endpoints: () => endpoints,
    targets: [
      { name: "matching-api", kind: "service", healthUrl: `${down}/ready` },
      { name: "prometheus", kind: "backend", healthUrl: `${down}/-/ready` },
    ],
  };
}

describe("the console with its backends down", () => {
  let server: Server;
  let url: string;
  before(async () => ({ server, url } = await listen(createConsoleApp({ context: await downContext() }))));
  after(() => server?.close());

  const get = async (path: string) => {
    const response = await fetch(url + path, { redirect: "manual" });
    return { status: response.status, type: response.headers.get("content-type") ?? "", body: await response.text() };
  };

  it("shows every part DOWN on the overview and names each backend that did not answer", async () => {
    const { status, body } = await get("/");
    assert.equal(status, 200);
    assert.match(body, /data-service="matching-api" data-status="DOWN"/);
    assert.match(body, /data-service="prometheus" data-status="DOWN"/);
    for (const backend of ["Prometheus", "Alertmanager", "Bugsink", "The Elasticsearch API"]) assert.match(body, new RegExp(`${backend} did not answer`));
  });

  for (const [path, backend] of [
    ["/logs?level=error", "The Elasticsearch API"],
    ["/metrics?range=15m", "Prometheus"],
    ["/disk", "Prometheus"],
  ] as const) {
    it(`renders ${path} with a message that ${backend} did not answer`, async () => {
      const { status, body } = await get(path);
      assert.equal(status, 200);
      assert.match(body, new RegExp(`${backend}[^<]* did not answer`));
    });
  }

  it("answers a request lookup it cannot make with a 502 page naming the sources", async () => {
    const { status, type, body } = await get("/request?id=req-123");
    assert.equal(status, 502);
    assert.match(type, /text\/html/);
    assert.match(body, /not every source answered: jaeger: .*elasticsearch: /);
  });

  it("offers the search form, and nothing else, without an id", async () => {
    const { status, body } = await get("/request");
    assert.equal(status, 200);
    assert.match(body, /<form class="search" action="\/request" method="get"/);
  });

  const badQueries: Array<[string, string, RegExp]> = [
    ["a trace id that is not 32 hex digits", "/logs?trace_id=xyz", /trace_id must be 32 lowercase hex digits/],
    ["an unknown level", "/logs?level=loud", /level must be one of error, warn, info, debug/],
    ["page zero", "/logs?page=0", /page must be a whole number from 1 to 100/],
    ["a parameter given twice", "/logs?service=a&service=b", /service is given more than once/],
    ["free text over 200 characters", `/logs?q=${"x".repeat(201)}`, /q is longer than 200 characters/],
    ["an unknown time range", "/metrics?range=2y", /range must be one of 15m, 1h, 6h, 24h, 7d/],
    ["a service name with PromQL in it", '/metrics?service=a"}or{x="', /service must be a service name/],
    ["markup as a request id", "/request?id=<script>alert(1)</script>", /id must be a request id/],
  ];
  for (const [name, path, message] of badQueries) {
    it(`answers ${name} with a 400 page that says why`, async () => {
      const { status, type, body } = await get(path);
      assert.equal(status, 400);
      assert.match(type, /text\/html/);
      assert.match(body, message);
      assert.ok(!body.includes("<script>alert"), "the value is escaped");
    });
  }

  it("answers an unknown path with a 404 page", async () => {
    const { status, body } = await get("/nowhere");
    assert.equal(status, 404);
    assert.match(body, /There is no page at \/nowhere/);
  });

  it("serves uPlot from node_modules and its own chart script", async () => {
    for (const asset of ["/assets/uPlot.iife.min.js", "/assets/uPlot.min.css", "/assets/charts.js", "/assets/console.css"]) {
      assert.equal((await get(asset)).status, 200, asset);
    }
  });
});

describe("the console's token", () => {
  let server: Server;
  let url: string;
  before(async () => ({ server, url } = await listen(createConsoleApp({ context: await downContext(), token: "s3cret-token" }))));
  after(() => server?.close());

  it("refuses a request without it, with a 401 page that says how to give it", async () => {
    const response = await fetch(`${url}/logs`);
    assert.equal(response.status, 401);
    assert.match(await response.text(), /\?token=&lt;CONSOLE_TOKEN&gt;/);
  });

  it("takes it once in the URL, sets a cookie and redirects to the URL without it", async () => {
    const response = await fetch(`${url}/request?token=s3cret-token`, { redirect: "manual" });
    assert.equal(response.status, 303);
    assert.equal(response.headers.get("location"), "/request");
    const cookie = response.headers.get("set-cookie")!;
    assert.match(cookie, /HttpOnly/i);
    assert.equal((await fetch(`${url}/request`, { headers: { cookie: cookie.split(";")[0]! } })).status, 200);
  });

  it("takes it as a bearer token, and refuses a wrong one", async () => {
    assert.equal((await fetch(`${url}/request`, { headers: { authorization: "Bearer s3cret-token" } })).status, 200);
    assert.equal((await fetch(`${url}/request`, { headers: { authorization: "Bearer s3cret-tokeN" } })).status, 401);
  });

  it("leaves /health open, for the stack runner", async () => {
    assert.equal((await fetch(`${url}/health`)).status, 200);
  });
});
