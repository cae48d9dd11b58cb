// The supervisor with real child processes: healthy start, a failing part named with its log tail,
// and a stop that leaves nothing behind.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { StartError, Supervisor } from "../../src/stack/supervisor.ts";
import { freePort } from "../support/ports.ts";

const logDir = () => mkdtempSync(join(tmpdir(), "supervisor-"));
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("the stack supervisor", () => {
  it("starts a component, waits for its health URL, and stops its whole process group", async () => {
    const port = await freePort();
    const supervisor = new Supervisor(logDir());
    // A server that also forks a child, as gunicorn does with its workers.
    const script = `require("node:child_process").spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" }); require("node:http").createServer((q, s) => s.end("ok")).listen(${port}, "127.0.0.1")`;
    const running = await supervisor.start({ name: "demo", command: process.execPath, args: ["-e", script], healthUrl: `http://127.0.0.1:${port}/`, url: `http://127.0.0.1:${port}` });
    assert.ok(running.startedInMs >= 0);
    const pid = running.child.pid!;
    await supervisor.stopAll(2_000);
    assert.equal(alive(pid), false, "the component is gone");
    assert.equal((await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined))?.status, undefined, "nothing answers on its port");
  });

  it("names a part that fails to start, with the tail of its log", async () => {
    const supervisor = new Supervisor(logDir());
    const failing = supervisor.start({
      name: "broken",
      command: process.execPath,
      args: ["-e", "console.error('config error: no such exporter'); process.exit(3)"],
      healthUrl: `http://127.0.0.1:${await freePort()}/`,
      url: "",
    });
    await assert.rejects(failing, (error: unknown) => {
      assert.ok(error instanceof StartError);
      assert.equal(error.component, "broken");
      assert.match(error.message, /broken failed to start: exited with 3/);
      assert.match(error.message, /config error: no such exporter/);
      return true;
    });
    await supervisor.stopAll();
  });

  it("refuses to start a part whose port already answers", async () => {
    const port = await freePort();
    const supervisor = new Supervisor(logDir());
    const first = await supervisor.start({ name: "first", command: process.execPath, args: ["-e", `require("node:http").createServer((q, s) => s.end()).listen(${port}, "127.0.0.1")`], healthUrl: `http://127.0.0.1:${port}/`, url: "" });
    await assert.rejects(supervisor.start({ ...first.component, name: "second" }), /already answers/);
    await supervisor.stopAll();
  });
});
