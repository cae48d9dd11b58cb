// The one spawn helper, with real processes: a process group stopped whole (the worker it forked
// too), SIGKILL after the grace period for one that ignores SIGTERM, output straight into a log
// file, and a failed tool's CommandError with its exit code and the end of its output.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { pollUntil } from "../../src/lifecycle/poll.ts";
import { procStat } from "../../src/lifecycle/proc.ts";
import { CommandError, isRunning, runCommand, spawnProcess, stopCommands, stopGroup } from "../../src/lifecycle/spawn.ts";

/** A node process that forks a worker and prints "worker <pid>"; `ignoreTerm`: both ignore SIGTERM. */
const forking = (ignoreTerm: boolean) => {
  const trap = ignoreTerm ? `process.on("SIGTERM", () => {});` : "";
  const worker = `${trap} setInterval(() => {}, 1000)`;
  return [
    "-e",
    `${trap} const w = require("node:child_process").spawn(process.execPath, ["-e", ${JSON.stringify(worker)}], { stdio: "ignore" }); console.log("worker " + w.pid); setInterval(() => {}, 1000)`,
  ];
};

async function startForking(ignoreTerm: boolean) {
  const log = join(mkdtempSync(join(tmpdir(), "spawn-")), "out.log");
  const child = spawnProcess(process.execPath, forking(ignoreTerm), { output: { file: log } });
  const worker = await pollUntil(() => Number(/worker (\d+)/.exec(readFileSync(log, "utf8"))?.[1]) || undefined, "the worker's pid in the log file");
  return { child, worker };
}

describe("spawning and stopping a process group", () => {
  it("puts the process in its own group, writes its output to the log file, and stops it and its worker on SIGTERM", async () => {
    const { child, worker } = await startForking(false);
    assert.equal(procStat(child.pid!)?.pgid, child.pid, "it leads its own group");
    assert.equal(procStat(worker)?.pgid, child.pid, "its worker is in that group");
    const started = performance.now();
    await stopGroup(child, { graceMs: 5_000 });
    assert.ok(performance.now() - started < 2_000, "SIGTERM was enough");
    assert.equal(isRunning(child), false);
    await pollUntil(() => procStat(worker) === undefined, "the worker to be gone", { timeoutMs: 2_000 });
  });

  it("SIGKILLs the group when it ignores SIGTERM, after the grace period and not before", async () => {
    const { child, worker } = await startForking(true);
    const started = performance.now();
    await stopGroup(child, { graceMs: 500 });
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= 450 && elapsed < 3_000, `${elapsed} ms`);
    assert.equal(child.signalCode, "SIGKILL");
    await pollUntil(() => procStat(worker) === undefined, "the worker to be gone", { timeoutMs: 2_000 });
  });

  it("runCommand resolves with the output, and rejects with a CommandError carrying the exit code and output tail", async () => {
    assert.equal(await runCommand(process.execPath, ["-e", "console.log('hello')"], { quiet: true }), "hello\n");
    await assert.rejects(
      runCommand(process.execPath, ["-e", "console.log('x'.repeat(10000)); console.error('no such exporter'); process.exit(4)"], { quiet: true }),
      (error: unknown) => {
        assert.ok(error instanceof CommandError);
        assert.equal(error.exitCode, 4);
        assert.equal(error.outputTail.length, 4_000, "only the end of a long output");
        assert.match(error.outputTail, /no such exporter\n$/);
        assert.match(error.message, /exited with 4:\n/);
        return true;
      },
    );
  });

  it("stopCommands stops a command still running (a stop during start-up), and its runCommand rejects", async () => {
    const started = join(mkdtempSync(join(tmpdir(), "spawn-")), "started");
    const script = `require("node:fs").writeFileSync(${JSON.stringify(started)}, "migrating"); setInterval(() => {}, 1000)`;
    const running = runCommand(process.execPath, ["-e", script], { quiet: true });
    const outcome = running.then(
      () => "resolved",
      (error: unknown) => error,
    );
    await pollUntil(() => existsSync(started), "the command to be running");
    const stopping = performance.now();
    await stopCommands({ graceMs: 2_000 });
    assert.ok(performance.now() - stopping < 1_500, "SIGTERM was enough");
    const error = await outcome;
    assert.ok(error instanceof CommandError, String(error));
    assert.equal(error.exitCode, null, "ended by a signal");
  });
});
