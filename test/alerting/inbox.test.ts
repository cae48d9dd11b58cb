// The notification inbox, as Alertmanager and a person use it: posts stored and listed newest first,
// bad posts refused with a problem+json 4xx, the runbooks served with the anchors alerts link to; no
// stored payload can take it down, memory and file are bounded, and beyond loopback it asks for a token.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createInbox } from "../../src/alerting/inbox/server.ts";
import { NotificationStore } from "../../src/alerting/inbox/store.ts";
import { freePort } from "../support/ports.ts";
import { startReceiver, type Receiver } from "../support/receiver.ts";

const inboxEntry = new URL("../../src/alerting/inbox/server.ts", import.meta.url).pathname;

const slackMessage = (title: string) => ({ attachments: [{ title, text: "*cv-parser answers 100% of /v1/cvs/parse with a 5xx*", color: "danger" }] });

describe("notification inbox", () => {
  let inbox: Receiver;
  before(async () => {
    inbox = await startReceiver();
  });
  after(() => inbox.close());

  const post = (path: string, body: string, type = "application/json") =>
    fetch(`${inbox.url}${path}`, { method: "POST", headers: { "content-type": type }, body });

  it("stores Slack and Alertmanager webhook payloads and lists them newest first, as HTML and JSON", async () => {
    assert.equal((await post("/slack", JSON.stringify(slackMessage("[FIRING:1] PAGE ServiceErrorRatioHigh · cv-parser")))).status, 200);
    const webhook = { status: "resolved", commonLabels: { alertname: "ServiceDown", severity: "page", service_name: "job-parser" }, alerts: [{}] };
    assert.equal((await post("/webhook", JSON.stringify(webhook))).status, 200);

    const listed = (await (await fetch(`${inbox.url}/api/notifications`)).json()) as { channel: string; status: string; title: string }[];
    assert.deepEqual(
      listed.map(({ channel, status, title }) => [channel, status, title]),
      [
        ["webhook", "resolved", "[RESOLVED:1] page ServiceDown job-parser"],
        ["slack", "firing", "[FIRING:1] PAGE ServiceErrorRatioHigh · cv-parser"],
      ],
    );
    const page = await (await fetch(`${inbox.url}/`)).text();
    assert.match(page, /<summary>\[FIRING:1\] PAGE ServiceErrorRatioHigh · cv-parser<\/summary>/);
    const onlySlack = (await (await fetch(`${inbox.url}/api/notifications?channel=slack`)).json()) as unknown[];
    assert.equal(onlySlack.length, 1);
  });

  const refused: [string, () => Promise<Response>, number, string, RegExp][] = [
    ["malformed JSON", () => post("/slack", "{not json"), 400, "invalid_json", /Malformed JSON/],
    ["a payload over 1 MiB", () => post("/webhook", JSON.stringify({ text: "x".repeat(1_100_000) })), 413, "payload_too_large", /Payload too large/],
    ["a bad limit", () => fetch(`${inbox.url}/api/notifications?limit=abc`), 400, "invalid_query", /Bad limit/],
    ["an unknown page", () => fetch(`${inbox.url}/nowhere/else`), 404, "not_found", /Not found/],
    ["a PUT to a receiver", () => fetch(`${inbox.url}/slack`, { method: "PUT", body: "{}" }), 405, "method_not_allowed", /Method not allowed/],
    [
      "a text/plain post (what a cross-origin page can send without asking)",
      () => post("/slack", "{}", "text/plain"),
      415,
      "unsupported_media_type",
      /application\/json/,
    ],
    [
      "a post with no content type",
      () => fetch(`${inbox.url}/slack`, { method: "POST", body: new Uint8Array([123, 125]) }),
      415,
      "unsupported_media_type",
      /application\/json/,
    ],
    ["a JSON array", () => post("/webhook", "[1,2]"), 422, "invalid_request", /JSON object/],
    ["a JSON string", () => post("/webhook", '"hello"'), 422, "invalid_request", /JSON object/],
  ];
  for (const [name, request, status, code, detail] of refused) {
    it(`refuses ${name} with ${status} and a problem+json body, storing nothing`, async () => {
      const before = inbox.received("slack").length + inbox.received("webhook").length;
      const response = await request();
      assert.equal(response.status, status);
      assert.equal(response.headers.get("content-type"), "application/problem+json");
      const problem = (await response.json()) as { detail: string; code: string };
      assert.equal(problem.code, code);
      assert.match(problem.detail, detail);
      assert.equal(inbox.received("slack").length + inbox.received("webhook").length, before);
    });
  }

  it("survives fields of the wrong type (a title that is an object): stored as text, listed, and the process still answers", async () => {
    for (const body of [{ attachments: [{ title: { a: 1 } }] }, { text: 42 }, { attachments: "x" }, { status: 7, commonLabels: { alertname: ["A"] } }]) {
      assert.equal((await post("/slack", JSON.stringify(body))).status, 200, JSON.stringify(body));
    }
    const page = await fetch(`${inbox.url}/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<summary>\{&#34;a&#34;:1\}<\/summary>/);
    assert.equal((await fetch(`${inbox.url}/health`)).status, 200);
  });

  it("sends the security headers on its pages and its refusals", async () => {
    for (const path of ["/", "/runbooks", "/nowhere"]) {
      const response = await fetch(`${inbox.url}${path}`);
      assert.match(response.headers.get("content-security-policy") ?? "", /frame-ancestors 'none'/, path);
      assert.equal(response.headers.get("x-content-type-options"), "nosniff", path);
    }
  });

  it("serves docs/runbooks.md with an anchor per alert", async () => {
    const page = await (await fetch(`${inbox.url}/runbooks`)).text();
    for (const anchor of ["serviceerrorratiohigh", "errorbudgetburn", "watchdog", "backendunreachable"]) assert.match(page, new RegExp(`<h3 id="${anchor}">`));
  });
});

/** node:http with a Host of the test's choosing (fetch sets its own). */
function getWithHost(url: string, path: string, host: string) {
  const { hostname, port } = new URL(url);
  return new Promise<number>((resolve, reject) => {
    const request = httpRequest({ hostname, port, path, headers: { host } }, (response) => {
      response.resume();
      resolve(response.statusCode!);
    });
    request.on("error", reject).end();
  });
}

describe("the inbox's gate", () => {
  const TOKEN = "inbox-token-0123456789";
  let url: string;
  let server: Server;
  before(async () => {
    server = createInbox(new NotificationStore(), { token: TOKEN, host: "0.0.0.0", allowedHosts: "alerts.internal" });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  it("asks for NOTIFICATIONS_TOKEN on every page and post but /health, as a bearer token or once as ?token= (then a cookie)", async () => {
    assert.equal((await fetch(`${url}/`)).status, 401);
    const refusedPost = await fetch(`${url}/slack`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    assert.equal(refusedPost.status, 401);
    assert.equal(refusedPost.headers.get("content-type"), "application/problem+json");
    assert.equal((await fetch(`${url}/health`)).status, 200);
    const bearer = { authorization: `Bearer ${TOKEN}` };
    assert.equal((await fetch(`${url}/slack`, { method: "POST", headers: { ...bearer, "content-type": "application/json" }, body: "{}" })).status, 200);
    const exchange = await fetch(`${url}/runbooks?token=${TOKEN}`, { redirect: "manual" });
    assert.equal(exchange.status, 303);
    assert.equal(exchange.headers.get("location"), "/runbooks");
    const cookie = exchange.headers.get("set-cookie")!.split(";")[0]!;
    assert.equal((await fetch(`${url}/`, { headers: { cookie } })).status, 200);
  });

  it("refuses a Host it does not answer for (DNS rebinding), and answers its own names", async () => {
    assert.equal(await getWithHost(url, "/health", "evil.example:9097"), 421);
    assert.equal(await getWithHost(url, "/health", "localhost:9097"), 200);
    assert.equal(await getWithHost(url, "/health", "alerts.internal"), 200);
  });

  it("refuses to start beyond loopback without NOTIFICATIONS_TOKEN, or with one under 16 characters", async () => {
    for (const [env, message] of [
      [{ NOTIFICATIONS_HOST: "0.0.0.0" }, /NOTIFICATIONS_HOST=0\.0\.0\.0 is beyond loopback: set NOTIFICATIONS_TOKEN/],
      [{ NOTIFICATIONS_TOKEN: "short" }, /NOTIFICATIONS_TOKEN is 5 characters long; use at least 16/],
    ] as const) {
      const child = spawn(process.execPath, [inboxEntry], {
        env: { ...process.env, NOTIFICATIONS_TOKEN: "", NOTIFICATIONS_PORT: String(await freePort()), ...env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stderr.on("data", (chunk) => (output += chunk));
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      const [code] = await once(child, "exit");
      clearTimeout(timer);
      assert.equal(code, 2, output);
      assert.match(output, message);
    }
  });
});

describe("the inbox's store", () => {
  const notification = (n: number) => ({ attachments: [{ title: `[FIRING:1] alert ${n}`, text: "x".repeat(1_000) }] });

  it("keeps in memory no more than maxBytes of bodies, the newest", () => {
    const store = new NotificationStore({ limit: 1_000, maxBytes: 20_000 });
    for (let n = 0; n < 100; n++) store.add("slack", notification(n));
    const kept = store.list({ limit: 1_000 });
    assert.ok(JSON.stringify(kept.map((item) => item.body)).length <= 20_000, `${kept.length} kept`);
    assert.equal(kept[0]!.title, "[FIRING:1] alert 99");
  });

  it("rotates its file past maxFileBytes, keeping one older file, so the disk use is bounded", () => {
    const file = join(mkdtempSync(join(tmpdir(), "inbox-")), "notifications.jsonl");
    const store = new NotificationStore({ file, maxFileBytes: 20_000 });
    for (let n = 0; n < 100; n++) store.add("slack", notification(n));
    assert.ok(statSync(file).size <= 20_000, `${statSync(file).size} bytes`);
    assert.ok(statSync(`${file}.1`).size <= 20_000);
    assert.deepEqual(readdirSync(dirname(file)).sort(), ["notifications.jsonl", "notifications.jsonl.1"]);
    assert.match(readFileSync(file, "utf8").trimEnd().split("\n").pop()!, /alert 99/);
  });
});
