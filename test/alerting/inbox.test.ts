// The notification inbox, as Alertmanager and a person use it: posts stored and listed newest first,
// bad posts refused with a problem+json 4xx, the runbooks served with the anchors alerts link to.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startReceiver, type Receiver } from "../support/receiver.ts";

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

  const refused: [string, () => Promise<Response>, number, RegExp][] = [
    ["malformed JSON", () => post("/slack", "{not json"), 400, /Malformed JSON/],
    ["a payload over 1 MiB", () => post("/webhook", JSON.stringify({ text: "x".repeat(1_100_000) })), 413, /Payload too large/],
    ["a bad limit", () => fetch(`${inbox.url}/api/notifications?limit=abc`), 400, /Bad limit/],
    ["an unknown page", () => fetch(`${inbox.url}/nowhere/else`), 404, /Not found/],
    ["a PUT to a receiver", () => fetch(`${inbox.url}/slack`, { method: "PUT", body: "{}" }), 405, /Method not allowed/],
  ];
  for (const [name, request, status, detail] of refused) {
    it(`refuses ${name} with ${status} and a problem+json body, storing nothing`, async () => {
      const before = inbox.received("slack").length + inbox.received("webhook").length;
      const response = await request();
      assert.equal(response.status, status);
      assert.equal(response.headers.get("content-type"), "application/problem+json");
      assert.match(((await response.json()) as { detail: string }).detail, detail);
      assert.equal(inbox.received("slack").length + inbox.received("webhook").length, before);
    });
  }

  it("serves docs/runbooks.md with an anchor per alert", async () => {
    const page = await (await fetch(`${inbox.url}/runbooks`)).text();
    for (const anchor of ["serviceerrorratiohigh", "errorbudgetburn", "watchdog", "backendunreachable"]) assert.match(page, new RegExp(`<h3 id="${anchor}">`));
  });
});
