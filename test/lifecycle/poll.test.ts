// pollUntil: the value once the check holds, and a failure that names what it waited for and how long.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { pollUntil } from "../../src/lifecycle/poll.ts";

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
