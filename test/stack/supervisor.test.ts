// The supervisor with real child processes: healthy start, a failing part named with its log tail,
// a part that dies restarted with growing backoff, a part held down on purpose, a stop during a
// start, pid files, a stop in dependency order (tier by tier), and a stop that leaves nothing behind
// (forked workers included).
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { PidFiles } from "../../src/lifecycle/pid-files.ts";
import { procStat } from "../../src/lifecycle/proc.ts";
import { StartAborted, StartError, Supervisor } from "../../src/stack/supervisor.ts";
import { freePort } from "../support/ports.ts";
import { holdsFor, pollUntil } from "../../src/lifecycle/poll.ts";
import { STOP_TIER } from "../../src/lifecycle/stop-order.ts";

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
  it("starts a component, waits for its health URL, and stops its whole process group, forked worker included", async () => {
    const port = await freePort();
    const dir = logDir();
    const supervisor = new Supervisor(dir);
    // A server that also forks a child, as gunicorn does with its workers; it prints the worker's pid.
    const script = `const w = require("node:child_process").spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" }); console.log("worker " + w.pid); setTimeout(() => require("node:http").createServer((q, s) => s.end("ok")).listen(${port}, "127.0.0.1"), 300)`;
    const running = await supervisor.start({
      name: "demo",
      command: process.execPath,
      args: ["-e", script],
      healthUrl: `http://127.0.0.1:${port}/`,
      url: `http://127.0.0.1:${port}`,
    });
    // It listens 300 ms after it starts; health is polled every 250 ms.
    assert.ok(running.startedInMs >= 300 && running.startedInMs < 5_000, `healthy in ${running.startedInMs} ms`);
    const pid = running.child.pid!;
    const worker = Number(/worker (\d+)/.exec(readFileSync(join(dir, "demo.log"), "utf8"))?.[1]);
    assert.equal(procStat(worker)?.pgid, pid, "the forked worker runs, in the component's process group");
    const started = performance.now();
    await supervisor.stopAll(2_000);
    assert.ok(performance.now() - started < 1_500, "SIGTERM stops it, no need to wait for the grace period");
    assert.equal(alive(pid), false, "the component is gone");
    await pollUntil(() => procStat(worker) === undefined, "the forked worker to be gone too (a zombie counts as gone)", { timeoutMs: 1_000 });
    assert.equal((await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined))?.status, undefined, "nothing answers on its port");
  });

  it("aborts a start still waiting for health when stopped, and stops the part it spawned", async () => {
    const supervisor = new Supervisor(logDir());
    // Never healthy: nothing listens on its health port.
    const starting = supervisor.start({
      name: "slow",
      command: process.execPath,
      args: ["-e", "setInterval(() => {}, 1000)"],
      healthUrl: `http://127.0.0.1:${await freePort()}/`,
      url: "",
      startTimeoutMs: 60_000,
    });
    await pollUntil(() => supervisor.running[0]?.child?.pid, "the part to be spawned");
    const pid = supervisor.running[0]!.child.pid!;
    const started = performance.now();
    await supervisor.stopAll(2_000);
    await assert.rejects(starting, (error: unknown) => error instanceof StartAborted && /slow: not started, the stack is stopping/.test(error.message));
    assert.ok(performance.now() - started < 1_500, "at once, not after its 60 s start timeout");
    assert.equal(alive(pid), false);
    await assert.rejects(
      supervisor.start({ name: "late", command: process.execPath, args: ["-e", ""], url: "" }),
      StartAborted,
      "nothing starts once stopping",
    );
  });

  it("keeps a pid file per running part (pid, group, start time) and removes it on stop", async () => {
    const pidDir = join(logDir(), "pids");
    const supervisor = new Supervisor(logDir(), { pidDir });
    const running = await supervisor.start({ name: "recorded", command: process.execPath, args: ["-e", "setInterval(() => {}, 1000)"], url: "" });
    const pid = running.child.pid!;
    const record = new PidFiles(pidDir).read("recorded");
    assert.deepEqual(
      { pid: record?.pid, pgid: record?.pgid, startTime: record?.startTime, owner: record?.owner.pid },
      { pid, pgid: pid, startTime: procStat(pid)!.startTime, owner: process.pid },
    );
    await supervisor.stopAll(2_000);
    assert.deepEqual(new PidFiles(pidDir).list(), []);
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
    const first = await supervisor.start({
      name: "first",
      command: process.execPath,
      args: ["-e", `require("node:http").createServer((q, s) => s.end()).listen(${port}, "127.0.0.1")`],
      healthUrl: `http://127.0.0.1:${port}/`,
      url: "",
    });
    await assert.rejects(supervisor.start({ ...first.component, name: "second" }), /already answers/);
    await supervisor.stopAll();
  });

  const server = (port: number) => ["-e", `require("node:http").createServer((q, s) => s.end("ok")).listen(${port}, "127.0.0.1")`];
  const answers = async (port: number) => (await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined))?.ok === true;

  it("restarts a part killed with SIGKILL, counts the restart and says so", async () => {
    const port = await freePort();
    const events: string[] = [];
    const supervisor = new Supervisor(logDir(), { onEvent: (message) => events.push(message), backoffMs: 100 });
    const running = await supervisor.start({ name: "victim", command: process.execPath, args: server(port), healthUrl: `http://127.0.0.1:${port}/`, url: "" });
    const firstPid = running.child.pid!;
    process.kill(firstPid, "SIGKILL");
    await pollUntil(async () => running.state === "running" && running.restarts === 1 && (await answers(port)), "the killed part to answer again");
    assert.notEqual(running.child.pid, firstPid, "a new process");
    assert.equal(running.lastExit, "exited with SIGKILL");
    assert.match(events[0]!, /^victim exited with SIGKILL; restarting in 0\.1s \(restart 1\)$/);
    assert.match(events[1]!, /^victim is back, healthy in [\d.]+s \(1 restart so far\)$/);
    await supervisor.stopAll(2_000);
    assert.equal(alive(running.child.pid!), false);
  });

  it("doubles the wait while a part keeps dying soon after it starts", async () => {
    const events: string[] = [];
    const supervisor = new Supervisor(logDir(), { onEvent: (message) => events.push(message), backoffMs: 100, maxBackoffMs: 400 });
    // No health URL: up after a second; then it exits 1.
    await supervisor.start({ name: "flaky", command: process.execPath, args: ["-e", "setTimeout(() => process.exit(1), 1100)"], url: "" });
    await pollUntil(() => events.filter((event) => event.includes("restarting")).length >= 4, "four restarts to be scheduled", { timeoutMs: 20_000 });
    await supervisor.stopAll(2_000);
    const waits = events.filter((event) => event.includes("restarting")).map((event) => event.match(/restarting in ([\d.]+)s/)![1]);
    assert.deepEqual(waits.slice(0, 4), ["0.1", "0.2", "0.4", "0.4"]);
    assert.ok(
      events.every((event) => event.startsWith("flaky exited with 1") || event.startsWith("flaky is back")),
      events.join("\n"),
    );
  });

  it("keeps a held part down until resumed, and stops one whose restart is pending", async () => {
    const port = await freePort();
    const supervisor = new Supervisor(logDir(), { backoffMs: 60_000 });
    const running = await supervisor.start({ name: "held", command: process.execPath, args: server(port), healthUrl: `http://127.0.0.1:${port}/`, url: "" });
    const heldPid = running.child.pid!;
    await supervisor.hold("held");
    assert.equal(alive(heldPid), false, "held down");
    // Past the 100 ms a restart would have taken with a 1 s backoff… it has 60 s here: check it is not just late.
    await holdsFor(async () => !(await answers(port)), "the held part to stay down", { forMs: 300, intervalMs: 50 });
    assert.equal(running.restarts, 0);
    await supervisor.resume("held");
    assert.equal(await answers(port), true, "back after resume");
    // Killed now, its restart waits a minute: stopAll must cancel it and leave nothing running.
    process.kill(running.child.pid!, "SIGKILL");
    await pollUntil(() => running.state === "restarting", "the supervisor to notice the death");
    await supervisor.stopAll(2_000);
    assert.equal(await answers(port), false);
  });

  it("stops tier by tier: clients, services, agent, gateways, backends; a part deaf to SIGTERM is killed after the grace", async () => {
    const dir = logDir();
    const supervisor = new Supervisor(dir);
    // Each part notes when SIGTERM came and, 150 ms later (a flush), when it exits: its own clock, its own file.
    const part = (name: string, tier: number | undefined, { deaf = false } = {}) => {
      const file = join(dir, `${name}.times`);
      const onTerm = deaf
        ? `fs.appendFileSync(${JSON.stringify(file)}, "term " + Date.now() + "\\n")`
        : `fs.appendFileSync(${JSON.stringify(file)}, "term " + Date.now() + "\\n"); setTimeout(() => { fs.appendFileSync(${JSON.stringify(file)}, "exit " + Date.now() + "\\n"); process.exit(0); }, 150)`;
      const script = `const fs = require("node:fs"); process.on("SIGTERM", () => { ${onTerm} }); setInterval(() => {}, 1000)`;
      return { name, command: process.execPath, args: ["-e", script], url: "", ...(tier === undefined ? {} : { stopTier: tier }) };
    };
    const parts = [
      part("backend-a", undefined),
      part("backend-b", STOP_TIER.backends),
      part("gateway", STOP_TIER.collectors, { deaf: true }),
      part("agent", STOP_TIER.agent),
      part("service-a", STOP_TIER.services),
      part("service-b", STOP_TIER.services),
      part("loadgen", STOP_TIER.clients),
    ];
    await Promise.all(parts.map((component) => supervisor.start(component)));
    const started = performance.now();
    await supervisor.stopAll(1_000);
    const took = performance.now() - started;
    const times = (name: string) => {
      const file = join(dir, `${name}.times`);
      const lines = existsSync(file) ? readFileSync(file, "utf8").trim().split("\n") : [];
      const at = (what: string) => Number(lines.find((line) => line.startsWith(what))?.split(" ")[1]);
      return { term: at("term"), exit: at("exit") };
    };
    const t = Object.fromEntries(parts.map(({ name }) => [name, times(name)]));
    // Every tier's SIGTERM comes after the previous tier's processes exited.
    const order: [string[], string[]][] = [
      [["loadgen"], ["service-a", "service-b"]],
      [["service-a", "service-b"], ["agent"]],
      [["agent"], ["gateway"]],
    ];
    for (const [before, after] of order) {
      for (const a of before) for (const b of after) assert.ok(t[a]!.exit <= t[b]!.term, `${a} exited (${t[a]!.exit}) before ${b} got SIGTERM (${t[b]!.term})`);
    }
    // The deaf gateway holds its tier for the 1 s grace, then SIGKILL: the backends come after it, together.
    assert.ok(Number.isNaN(t.gateway!.exit), "the gateway never exited on its own");
    for (const backend of ["backend-a", "backend-b"])
      assert.ok(t[backend]!.term - t.gateway!.term >= 950, `${backend} got SIGTERM ${t[backend]!.term - t.gateway!.term} ms after the gateway`);
    assert.ok(Math.abs(t["backend-a"]!.term - t["backend-b"]!.term) < 100, "the backends stop together");
    assert.ok(took < 4_000, `stopped in ${Math.round(took)} ms (four 150 ms tiers and one 1 s grace)`);
    assert.ok(supervisor.running.length === 0 && parts.every(({ name }) => !Number.isNaN(times(name).term)));
  });
});
