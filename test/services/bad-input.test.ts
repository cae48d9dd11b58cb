// Every route answers bad input with a 4xx problem saying what is wrong: never a 5xx, never a crash.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startServices, type RunningServices } from "../support/services.ts";
import { CV_TEXT, JOB_TEXT } from "./samples.ts";

const LIMIT = 64 * 1024;

interface Case {
  name: string;
  contentType?: string;
  body: string | Uint8Array<ArrayBuffer>;
  status: number;
  code: string;
}

const json = (value: unknown) => JSON.stringify(value);
const NOT_UTF8 = new Uint8Array([0x43, 0x56, 0x20, 0xff, 0xfe, 0x41]);
const BINARY = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
const OVERSIZE = "x".repeat(LIMIT + 1);

/** Bad bodies every document route refuses, as text/plain or JSON {"text": ...}. */
const documentCases: Case[] = [
  { name: "an empty body", contentType: "text/plain", body: "", status: 400, code: "empty_body" },
  { name: "a blank document", contentType: "text/plain", body: "  \n\t ", status: 400, code: "empty_body" },
  { name: "bytes that are not UTF-8", contentType: "text/plain", body: NOT_UTF8, status: 400, code: "invalid_encoding" },
  { name: "binary data", contentType: "text/plain", body: BINARY, status: 415, code: "unsupported_media_type" },
  { name: "a body over the size limit", contentType: "text/plain", body: OVERSIZE, status: 413, code: "payload_too_large" },
  { name: "an unsupported content type", contentType: "application/x-www-form-urlencoded", body: "text=hello", status: 415, code: "unsupported_media_type" },
  { name: "no content type", body: new TextEncoder().encode("hello"), status: 415, code: "unsupported_media_type" },
  { name: "broken JSON", contentType: "application/json", body: '{"text": "abc', status: 400, code: "invalid_json" },
  { name: "JSON without the text field", contentType: "application/json", body: json({ content: "abc" }), status: 422, code: "invalid_request" },
  { name: "JSON with a number as text", contentType: "application/json", body: json({ text: 42 }), status: 422, code: "invalid_request" },
  { name: "a JSON array", contentType: "application/json", body: json(["abc"]), status: 422, code: "invalid_request" },
];

const matchCases: Case[] = [
  { name: "an empty body", contentType: "application/json", body: "", status: 400, code: "empty_body" },
  { name: "broken JSON", contentType: "application/json", body: "{cv:", status: 400, code: "invalid_json" },
  { name: "text/plain instead of JSON", contentType: "text/plain", body: CV_TEXT, status: 415, code: "unsupported_media_type" },
  { name: "a missing job", contentType: "application/json", body: json({ cv: CV_TEXT }), status: 422, code: "invalid_request" },
  {
    name: "a cv of the wrong type",
    contentType: "application/json",
    body: json({ cv: { text: CV_TEXT }, job: JOB_TEXT }),
    status: 422,
    code: "invalid_request",
  },
  { name: "an empty cv", contentType: "application/json", body: json({ cv: "  ", job: JOB_TEXT }), status: 422, code: "invalid_request" },
  { name: "a binary cv", contentType: "application/json", body: json({ cv: "\u0000\u0001\u0002PNG", job: JOB_TEXT }), status: 422, code: "invalid_request" },
  { name: "bytes that are not UTF-8", contentType: "application/json", body: NOT_UTF8, status: 400, code: "invalid_encoding" },
  { name: "a body over the size limit", contentType: "application/json", body: json({ cv: OVERSIZE, job: JOB_TEXT }), status: 413, code: "payload_too_large" },
];

const rankCases: Case[] = [
  { name: "no cvs", contentType: "application/json", body: json({ job: JOB_TEXT }), status: 422, code: "invalid_request" },
  { name: "an empty cvs array", contentType: "application/json", body: json({ job: JOB_TEXT, cvs: [] }), status: 422, code: "invalid_request" },
  {
    name: "a cv that is not a string",
    contentType: "application/json",
    body: json({ job: JOB_TEXT, cvs: [CV_TEXT, 7] }),
    status: 422,
    code: "invalid_request",
  },
  { name: "a missing job", contentType: "application/json", body: json({ cvs: [CV_TEXT] }), status: 422, code: "invalid_request" },
];

const flagCases: Case[] = [
  { name: "a rate above 1", contentType: "application/json", body: json({ value: 2 }), status: 422, code: "invalid_flag_value" },
  { name: "a string rate", contentType: "application/json", body: json({ value: "0.5" }), status: 422, code: "invalid_flag_value" },
  { name: "no value", contentType: "application/json", body: json({}), status: 422, code: "invalid_request" },
  { name: "broken JSON", contentType: "application/json", body: "{", status: 400, code: "invalid_json" },
];

async function send(url: string, method: string, { contentType, body }: Pick<Case, "contentType" | "body">) {
  const response = await fetch(url, { method, headers: contentType ? { "content-type": contentType } : {}, body: method === "GET" ? undefined : body });
  return { status: response.status, type: response.headers.get("content-type") ?? "", problem: (await response.json()) as any };
}

describe("bad input", () => {
  let stack: RunningServices;
  before(async () => {
    stack = await startServices({ BODY_LIMIT_BYTES: String(LIMIT), OTEL_TRACES_EXPORTER: "none", OTEL_METRICS_EXPORTER: "none", OTEL_LOGS_EXPORTER: "none" });
  });
  after(() => stack?.stop());

  const routes = [
    { route: "POST /v1/cvs/parse", service: "cv-parser", path: "/v1/cvs/parse", cases: documentCases },
    { route: "POST /v1/jobs/parse", service: "job-parser", path: "/v1/jobs/parse", cases: documentCases },
    { route: "POST /v1/matches", service: "matching-api", path: "/v1/matches", cases: matchCases },
    { route: "POST /v1/matches:rank", service: "matching-api", path: "/v1/matches:rank", cases: rankCases },
    { route: "PUT /admin/flags/cvParserFailureRate", service: "cv-parser", path: "/admin/flags/cvParserFailureRate", cases: flagCases, method: "PUT" },
  ] as const;

  for (const { route, service, path, cases, ...rest } of routes) {
    describe(route, () => {
      for (const testCase of cases) {
        it(`answers ${testCase.status} ${testCase.code} to ${testCase.name}`, async () => {
          const url = `${stack.services[service].url}${path}`;
          const { status, type, problem } = await send(url, "method" in rest ? rest.method : "POST", testCase);
          assert.equal(status, testCase.status, JSON.stringify(problem));
          assert.equal(problem.code, testCase.code);
          assert.match(type, /application\/problem\+json/);
          assert.ok(problem.detail.length > 0, "the problem says what is wrong");
        });
      }
    });
  }

  it("answers 404 problem details for an unknown route and an unknown flag", async () => {
    const unknownRoute = await send(`${stack.services["cv-parser"].url}/v1/nope`, "GET", { body: "" as never });
    assert.equal(unknownRoute.status, 404);
    const unknownFlag = await send(`${stack.services["cv-parser"].url}/admin/flags/nope`, "PUT", { contentType: "application/json", body: json({ value: 1 }) });
    assert.equal(unknownFlag.problem.code, "unknown_flag");
  });

  it("does not quote the body in a broken-JSON problem (the detail is logged)", async () => {
    const { status, problem } = await send(`${stack.services["matching-api"].url}/v1/matches`, "POST", {
      contentType: "application/json",
      body: "Maëlys Quintard wrote this",
    });
    assert.equal(status, 400);
    assert.equal(problem.code, "invalid_json");
    assert.ok(!problem.detail.includes("Quintard"), problem.detail);
  });

  it("is still serving after all of it", async () => {
    for (const service of Object.values(stack.services)) {
      assert.equal(service.process.exitCode, null, `${service.name} is running`);
      assert.equal((await fetch(`${service.url}/health`)).status, 200);
    }
  });
});
