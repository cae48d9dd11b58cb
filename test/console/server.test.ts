// The console's process: loopback by default, and beyond loopback only with a token.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, it } from "node:test";
import { pollUntil } from "../../src/lifecycle/poll.ts";
import { freePort } from "../support/ports.ts";

const entry = new URL("../../src/console/server.ts", import.meta.url).pathname;

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, [entry], { env: { ...process.env, CONSOLE_TOKEN: "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  return { child, output: () => output };
}

describe("the console server", () => {
  it("refuses to listen beyond loopback without CONSOLE_TOKEN, and says why", async () => {
    const { child, output } = start({ CONSOLE_HOST: "0.0.0.0", CONSOLE_PORT: String(await freePort()) });
    const [code] = await once(child, "exit");
    assert.equal(code, 2);
    assert.match(output(), /CONSOLE_HOST=0\.0\.0\.0 is beyond loopback: set CONSOLE_TOKEN/);
  });

  it("refuses to start with a CONSOLE_TOKEN under 16 characters, and says why", async () => {
    const { child, output } = start({ CONSOLE_TOKEN: "short-token", CONSOLE_PORT: String(await freePort()) });
    const exited = once(child, "exit");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    const [code] = await exited;
    clearTimeout(timer);
    assert.equal(code, 2);
    assert.match(output(), /CONSOLE_TOKEN is 11 characters long; use at least 16/);
  });

  it("listens on CONSOLE_PORT on loopback by default, and stops on SIGTERM", async () => {
    const port = await freePort();
    const { child, output } = start({ CONSOLE_PORT: String(port) });
    try {
      await pollUntil(() => fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok), `the console's /health on port ${port}`, {
        timeoutMs: 15_000,
        intervalMs: 200,
      });
      assert.match(output(), new RegExp(`console on http://127\\.0\\.0\\.1:${port}`));
    } finally {
      child.kill("SIGTERM");
    }
    const [code] = await once(child, "exit");
    assert.equal(code, 0);
  });
});
