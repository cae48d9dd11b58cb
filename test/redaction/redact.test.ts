import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { redactText, redactValue, SECRET_VALUE_MASK } from "../../src/redaction/index.ts";
import { REDACTION_CASES, SECRET_KEY_CASES } from "./cases.ts";

describe("redaction of personal data and secrets", () => {
  it("masks emails and phone numbers in free text", () => {
    const text = redactText("Contact jane.doe@example.com or +33 6 12 34 56 78 or (555) 010-4477.");
    assert.equal(text.includes("jane.doe"), false);
    assert.equal(text.includes("12 34 56"), false);
    assert.equal(text.includes("010-4477"), false);
    assert.match(text, /\[REDACTED_EMAIL\]/);
    assert.match(text, /\[REDACTED_PHONE\]/);
  });

  it("masks secret assignments and bearer tokens", () => {
    const text = redactText("calling with api_key=abc123XYZ and password: hunter2, Authorization: Bearer eyJhbGciOi.x.y");
    for (const secret of ["abc123XYZ", "hunter2", "eyJhbGciOi"]) assert.equal(text.includes(secret), false, secret);
  });

  it("leaves ordinary numbers, years and durations alone", () => {
    assert.equal(redactText("parsed 42 skills in 12.5 ms, 2019-2024, 8 years"), "parsed 42 skills in 12.5 ms, 2019-2024, 8 years");
  });

  it("leaves ids and timestamps alone: a request id must stay searchable", () => {
    for (const id of ["e2e-1795458563597", "12345678-1234-4321-9876-123456789012", "req 1795458563597"]) assert.equal(redactText(id), id);
  });

  it("drops values under secret-looking keys anywhere in an object", () => {
    assert.deepEqual(redactValue({ headers: { Authorization: "Basic x", accept: "json" }, note: "mail me at a@b.io" }), {
      headers: { Authorization: "****", accept: "json" },
      note: "mail me at [REDACTED_EMAIL]",
    });
  });

  // The union of what the services and the collector each masked before they shared one table.
  const planted: Array<[string, string, string]> = [
    ["a French national mobile number", "rappeler le 06 12 34 56 78 demain", "06 12 34 56 78"],
    ["a French number with 0033", "tel 0033 1 23 45 67 89", "23 45 67 89"],
    ["a North American number", "call 555-010-4477 now", "010-4477"],
    ["a client secret in a query string", "POST /token?client_secret=s3cr3tValue&grant=x", "s3cr3tValue"],
    ["a refresh token in JSON", '{"refresh_token": "rt-998877"}', "rt-998877"],
    ["an x-api-key header line", "x-api-key: k-123456", "k-123456"],
  ];
  for (const [what, text, secret] of planted) {
    it(`masks ${what}`, () => {
      assert.equal(redactText(text).includes(secret), false, redactText(text));
    });
  }

  it("drops values under x-api-key, refresh_token and http.request.header.authorization keys, not under token counts", () => {
    assert.deepEqual(redactValue({ "x-api-key": "k", refresh_token: "r", "http.request.header.authorization": "Basic x", "gen_ai.usage.input_tokens": 12 }), {
      "x-api-key": "****",
      refresh_token: "****",
      "http.request.header.authorization": "****",
      "gen_ai.usage.input_tokens": 12,
    });
  });

  // The case table the collector runs too (test/stack/redaction-cases.test.ts).
  for (const { name, input, expected } of REDACTION_CASES) {
    it(`case table: ${name}`, () => assert.equal(redactText(input), expected));
  }

  it("masks whole values under dbPassword, authToken, sessionToken, private_key, passphrase, credentials and cookie keys", () => {
    const masked = Object.fromEntries(Object.keys(SECRET_KEY_CASES).map((key) => [key, SECRET_VALUE_MASK]));
    assert.deepEqual(redactValue(SECRET_KEY_CASES), masked);
  });
});
