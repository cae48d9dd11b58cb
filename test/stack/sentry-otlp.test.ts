import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sentryOtlpEnv } from "../../src/stack/sentry-otlp.ts";

describe("the Sentry OTLP overlay's variables", () => {
  it("come from the DSN's parts", () => {
    assert.deepEqual(sentryOtlpEnv("https://abc123@o42.ingest.sentry.io/4507"), {
      SENTRY_OTLP_BASE_URL: "https://o42.ingest.sentry.io",
      SENTRY_OTLP_PROJECT_ID: "4507",
      SENTRY_OTLP_PUBLIC_KEY: "abc123",
    });
    assert.equal(sentryOtlpEnv("http://key@127.0.0.1:8000/sentry/7").SENTRY_OTLP_BASE_URL, "http://127.0.0.1:8000/sentry");
  });

  it("refuses something that is not a DSN, without echoing a secret", () => {
    assert.throws(() => sentryOtlpEnv("https://o42.ingest.sentry.io/"), /not a Sentry DSN/);
  });
});
