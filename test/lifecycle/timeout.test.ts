// A time bound on a promise: rejects (withTimeout) or resolves undefined (settleWithin) when it runs
// out, passes the result or the rejection through otherwise.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { settleWithin, TimeoutError, withTimeout } from "../../src/lifecycle/timeout.ts";

describe("time bounds", () => {
  it("withTimeout passes a prompt result through", async () => {
    assert.equal(await withTimeout(sleep(10, "done"), 1_000), "done");
  });

  it("withTimeout rejects with a TimeoutError saying how long it waited", async () => {
    const started = performance.now();
    await assert.rejects(withTimeout(sleep(5_000), 100), (error: unknown) => error instanceof TimeoutError && error.message === "no answer within 100 ms");
    assert.ok(performance.now() - started < 1_000);
  });

  it("settleWithin resolves undefined when time runs out, and still rejects with the work's own error", async () => {
    assert.equal(await settleWithin(sleep(5_000, "late"), 50), undefined);
    await assert.rejects(settleWithin(Promise.reject(new Error("flush failed")), 1_000), { message: "flush failed" });
  });
});
