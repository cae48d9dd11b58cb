// pollUntil: the value once the check holds, and a failure that names what it waited for and how long.
// holdsFor: the window watched to its end, and a failure as soon as the check turns false.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { holdsFor, pollUntil } from "../../src/lifecycle/poll.ts";

describe("pollUntil", () => {
  it("returns the check's first value that is not false or undefined", async () => {
    let calls = 0;
    const value = await pollUntil(() => ++calls >= 3 && `after ${calls} calls`, "the third call", { intervalMs: 10 });
    assert.equal(value, "after 3 calls");
  });

  it("fails with 'Timed out after Ns waiting for: …' and the check's last error", async () => {
    const started = performance.now();
    await assert.rejects(
      pollUntil(() => Promise.reject(new Error("connection refused")), "the server to answer", { timeoutMs: 300, intervalMs: 50 }),
      { message: "Timed out after 0.3s waiting for: the server to answer (last error: connection refused)" },
    );
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= 300 && elapsed < 1_500, `${elapsed} ms`);
  });

  it("stops early when its signal aborts, with the signal's reason", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("stopping")), 50);
    const started = performance.now();
    await assert.rejects(
      pollUntil(() => false, "never", { timeoutMs: 10_000, intervalMs: 20, signal: controller.signal }),
      { message: "stopping" },
    );
    assert.ok(performance.now() - started < 1_000);
  });
});

describe("holdsFor", () => {
  it("answers once the check has held for the whole window", async () => {
    let calls = 0;
    const started = performance.now();
    await holdsFor(() => ++calls > 0, "always true", { forMs: 200, intervalMs: 20 });
    assert.ok(performance.now() - started >= 200, "watched the whole window");
    assert.ok(calls >= 5, `${calls} checks`);
  });

  it("fails as soon as the check turns false, naming what was to hold", async () => {
    let calls = 0;
    const started = performance.now();
    await assert.rejects(
      holdsFor(() => ++calls < 3, "the part to stay down", { forMs: 10_000, intervalMs: 20 }),
      /^Error: Stopped holding after 0\.\ds: the part to stay down$/,
    );
    assert.ok(performance.now() - started < 1_000, "did not wait out the window");
  });
});
