// Pid files with real processes: what a SIGKILLed starter left running (a group with a worker) is
// found and stopped; a starter still alive keeps its parts; a pid now used by another process is
// never touched.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { PID_DIR_VARIABLE, PidFiles } from "../../src/lifecycle/pid-files.ts";
import { pollUntil } from "../../src/lifecycle/poll.ts";
import { bootId, groupMembers, procStat } from "../../src/lifecycle/proc.ts";
import { isRunning, spawnProcess, stopGroup } from "../../src/lifecycle/spawn.ts";

const lifecycle = new URL("../../src/lifecycle/", import.meta.url).href;

/** A starter process that spawns a part (which forks a worker) in its own group and records it. */
async function starter(dir: string) {
  const partScript = `require("node:child_process").spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" }); setInterval(() => {}, 1000)`;
  const script = `
    import { PidFiles } from "${lifecycle}pid-files.ts";
    import { spawnProcess } from "${lifecycle}spawn.ts";
    const child = spawnProcess(process.execPath, ["-e", ${JSON.stringify(partScript)}], { output: "inherit" });
    new PidFiles(${JSON.stringify(dir)}).write("part", child.pid, "node -e part");
    console.log("started " + child.pid);
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  const part = await pollUntil(() => Number(/started (\d+)/.exec(output)?.[1]) || undefined, "the starter to record its part");
  const pidFiles = new PidFiles(dir);
  await pollUntil(() => pidFiles.alive(pidFiles.read("part")!).length === 2, "the part and its worker");
  return { child, part };
}

describe("pid files", () => {
  it("find a part killed with its starter before its pid file was written, by the directory in its environment", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pids-"));
    // No pid file: a part in its own group whose environment names the directory, as the supervisor tags its parts.
    const part = spawnProcess(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { env: { [PID_DIR_VARIABLE]: dir }, output: "inherit" });
    const other = spawnProcess(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { env: { [PID_DIR_VARIABLE]: `${dir}-other` }, output: "inherit" });
    try {
      await pollUntil(() => groupMembers(part.pid!).length === 1, "the untracked part to run");
      const stopped = await new PidFiles(dir).stopLeftovers({ graceMs: 2_000 });
      assert.deepEqual(
        stopped.map(({ pids }) => pids),
        [[part.pid]],
      );
      assert.match(stopped[0]!.name, /unrecorded part/);
      await pollUntil(() => !isRunning(part) || undefined, "the untracked part to exit");
      assert.ok(isRunning(other), "a part tagged with another directory is left alone");
    } finally {
      await stopGroup(other, { graceMs: 1_000 });
      if (isRunning(part)) await stopGroup(part, { graceMs: 1_000 });
    }
  });

  it("find what a SIGKILLed starter left running, group and worker, and stop it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pids-"));
    const { child, part } = await starter(dir);
    const pidFiles = new PidFiles(dir);
    const [record] = pidFiles.list();
    assert.deepEqual(
      { name: record!.name, pid: record!.pid, pgid: record!.pgid, bootId: record!.bootId },
      { name: "part", pid: part, pgid: part, bootId: bootId() },
    );
    assert.equal(record!.startTime, procStat(part)!.startTime);
    assert.deepEqual(await pidFiles.stopLeftovers(), [], "the starter is alive: not a leftover");
    assert.ok(procStat(part), "and the part still runs");

    child.kill("SIGKILL");
    await pollUntil(() => !isRunning(child), "the starter to die");
    const members = pidFiles.alive(record!);
    assert.equal(members.length, 2, "the part and its worker outlived it");
    const stopped = await pidFiles.stopLeftovers({ graceMs: 2_000 });
    assert.deepEqual(stopped, [{ name: "part", pids: members }]);
    for (const pid of members) assert.equal(procStat(pid), undefined, `${pid} is gone`);
    assert.deepEqual(pidFiles.list(), [], "its pid file is gone too");
  });

  it("never touch a process that merely got a recorded pid: another start time", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pids-"));
    const bystander = spawnProcess(process.execPath, ["-e", "setInterval(() => {}, 1000)"]);
    const pid = bystander.pid!;
    // A record naming the bystander's pid, from a dead starter, with another start time.
    writeFileSync(
      join(dir, "old.json"),
      JSON.stringify({ name: "old", pid, pgid: pid, startTime: "1", bootId: bootId(), command: "x", owner: { pid: 1, startTime: "0" } }),
    );
    const pidFiles = new PidFiles(dir);
    assert.deepEqual(pidFiles.alive(pidFiles.read("old")!), []);
    assert.deepEqual(await pidFiles.stopLeftovers(), []);
    assert.ok(isRunning(bystander), "the bystander still runs");
    assert.deepEqual(pidFiles.list(), [], "the stale file is forgotten");
    await stopGroup(bystander);
  });
});
