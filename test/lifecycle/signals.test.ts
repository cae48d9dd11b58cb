// Stop once on SIGINT/SIGTERM, with real processes: the first signal runs the stop once and exits
// with the stop's code; a second one during a slow stop forces (exit 130) and runs `force`.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, it } from "node:test";
import { pollUntil } from "../../src/lifecycle/poll.ts";

const signals = new URL("../../src/lifecycle/signals.ts", import.meta.url).href;

/** A process that counts its stops and prints what it does; its stop takes `stopMs`. */
function program(stopMs: number) {
  const script = `
    import { onStopSignal } from ${JSON.stringify(signals)};
    let stops = 0;
    onStopSignal(async (signal) => { stops++; console.log("stop " + stops + " " + signal); await new Promise((r) => setTimeout(r, ${stopMs})); console.log("stopped"); },
      { exitCode: 3, force: () => console.log("forced") });
    setInterval(() => {}, 1000);
    console.log("ready");`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  return { child, output: () => output };
}

describe("stop once on a signal", () => {
  it("runs the stop on SIGTERM, once, and exits with the code it was given", async () => {
    const { child, output } = program(300);
    await pollUntil(() => output().includes("ready"), "the program to be ready");
    const exit = once(child, "exit");
    child.kill("SIGTERM");
    const [code] = await exit;
    assert.equal(code, 3);
    assert.equal(output(), "ready\nstop 1 SIGTERM\nstopped\n");
  });

  it("forces on a second signal while the stop runs: `force`, then exit 130 before the stop ends", async () => {
    const { child, output } = program(10_000);
    await pollUntil(() => output().includes("ready"), "the program to be ready");
    const exit = once(child, "exit");
    child.kill("SIGINT");
    await pollUntil(() => output().includes("stop 1"), "the stop to begin");
    const started = performance.now();
    child.kill("SIGINT");
    const [code] = await exit;
    assert.equal(code, 130);
    assert.ok(performance.now() - started < 2_000, "at once, not after the 10 s stop");
    assert.equal(output(), "ready\nstop 1 SIGINT\nforced\n");
  });
});
