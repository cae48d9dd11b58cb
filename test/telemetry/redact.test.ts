import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { redactText, redactValue } from "../../src/telemetry/redact.ts";

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

  it("drops values under secret-looking keys anywhere in an object", () => {
    assert.deepEqual(redactValue({ headers: { Authorization: "Basic x", accept: "json" }, note: "mail me at a@b.io" }), {
      headers: { Authorization: "[REDACTED]", accept: "json" },
      note: "mail me at [REDACTED_EMAIL]",
    });
  });
});
