// `npm start` (node src/start.ts, LOADGEN=off) as a user runs it in a terminal, with real
// backends on this file's port offset and state dir: Ctrl-C (SIGINT to its process group) at several moments of
// start-up and once it is ready must leave no process of the stack and free ports; a SIGKILLed
// start leaves its parts behind, and the next start stops them, says so, and comes up. Stopped once
// ready, the services go before the collector: their last flush finds it (no export failure in their logs).
import assert from "node:assert/strict";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync, readlinkSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { PidFiles, type PidRecord } from "../../src/lifecycle/pid-files.ts";
import { pollUntil } from "../../src/lifecycle/poll.ts";
import { isRunning } from "../../src/lifecycle/spawn.ts";
import { logDir, pidDir, projectRoot, stateDir } from "../../src/config/paths.ts";
import { provisionAll } from "../../src/stack/provision.ts";
import { stackPortMap } from "../../src/stack/prometheus-config.ts";
import { STACK_PORTS } from "../../src/stack/ports.ts";
import { isolateStack } from "../support/stack.ts";

// Every port this stack binds on loopback (the default ports moved by STACK_PORT_OFFSET), but the gateway pool's.
const ports = () => [...stackPortMap().entries()].filter(([fallback]) => fallback !== STACK_PORTS.FIRST_GATEWAY_PORT).map(([, port]) => port);

interface Run {
  child: ChildProcess;
  output: () => string;
  /** Every part's pid record seen while it ran, by process group. */
  seen: Map<number, PidRecord>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function launch(): Run {
  // Its own process group, as a terminal's job: Ctrl-C reaches the group, the parts have their own.
  const child = spawn(process.execPath, [join(projectRoot, "src", "start.ts")], {
    cwd: projectRoot,
    env: { ...process.env, LOADGEN: "off" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const seen = new Map<number, PidRecord>();
  const pidFiles = new PidFiles(pidDir());
  const watch = setInterval(() => pidFiles.list().forEach((record) => seen.set(record.pgid, record)), 50);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => {
      clearInterval(watch);
      resolve({ code, signal });
    }),
  );
  return { child, output: () => output, seen, exit };
}

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer().once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });

/** This stack's own environment entry: its processes are told their state dir (isolateStack). */
const ownStateDir = () => new RegExp(`(^|\0)STACK_STATE_DIR=${stateDir().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\0`);

/** Processes of this test's stack: started with its state dir, or running inside it (a stack beside
 * this one, such as an `npm start` of the same checkout on the default ports, is not this one's). */
function stackProcesses(): string[] {
  const lines = execFileSync("ps", ["-e", "-o", "pid=,pgid=,stat=,args="], { encoding: "utf8" }).trim().split("\n");
  return lines.filter((line) => {
    const [pid, , stat] = line.trim().split(/\s+/);
    if (Number(pid) === process.pid || Number(pid) === process.ppid || stat!.startsWith("Z")) return false;
    let cwd = "";
    try {
      cwd = readlinkSync(`/proc/${pid}/cwd`);
    } catch {
      // Gone, or not ours to read.
    }
    let environ = "";
    try {
      environ = readFileSync(`/proc/${pid}/environ`, "latin1");
    } catch {
      // Gone, or not ours to read.
    }
    return cwd.startsWith(stateDir()) || (ownStateDir().test(environ) && !line.includes("--test"));
  });
}

async function assertNothingLeft(run: Run, what: string): Promise<void> {
  const groups = [...run.seen.keys()];
  // ps over the recorded process groups (zombies aside: they hold no port and no memory).
  const ps = execFileSync("ps", ["-e", "-o", "pgid=,stat=,pid=,args="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/));
  const inGroups = ps.filter(([pgid, stat]) => groups.includes(Number(pgid)) && !stat!.startsWith("Z"));
  const pidFiles = new PidFiles(pidDir());
  assert.deepEqual(
    inGroups.map((fields) => fields.join(" ")),
    [],
    `${what}: processes left in the stack's process groups`,
  );
  assert.deepEqual(
    [...run.seen.values()].filter((record) => pidFiles.alive(record).length).map((record) => record.name),
    [],
    `${what}: parts alive by their pid files`,
  );
  assert.deepEqual(
    pidFiles.list().map((record) => record.name),
    [],
    `${what}: pid files left`,
  );
  assert.deepEqual(stackProcesses(), [], `${what}: processes of this checkout's stack`);
  const taken = [];
  for (const port of ports()) if (!(await portFree(port))) taken.push(port);
  assert.deepEqual(taken, [], `${what}: ports still bound`);
}

const ready = (run: Run) =>
  pollUntil(() => run.output().includes("All healthy in") || !isRunning(run.child) || undefined, "npm start to print 'All healthy in'", {
    timeoutMs: 240_000,
    intervalMs: 200,
  });

async function interruptAfter(ms: number | "ready"): Promise<{ stopS: number; parts: string[] }> {
  const run = launch();
  if (ms === "ready")
    await ready(run).catch(async (error: unknown) => {
      // Never ready: stopped all the same, so that no stack outlives the failed case (nor keeps this file running).
      process.kill(-run.child.pid!, "SIGINT");
      await run.exit;
      throw error;
    });
  else await new Promise((resolve) => setTimeout(resolve, ms));
  assert.ok(isRunning(run.child), `still running when interrupted:\n${run.output()}`);
  const sent = performance.now();
  process.kill(-run.child.pid!, "SIGINT");
  const { code } = await run.exit;
  const stopS = (performance.now() - sent) / 1000;
  assert.equal(code, 0, run.output());
  if (ms === "ready") {
    console.log(/All healthy in [\d.]+s[^\n]*/.exec(run.output())?.[0]);
    // From the parts' own logs: the collector begins its shutdown only after every service began its
    // stop, and soon after (their flush found it: a missing collector costs the 5 s flush timeout).
    const log = (name: string) => readFileSync(join(logDir(), `${name}.log`), "utf8").split("\n");
    const collectorShutdown = Date.parse(
      log("collector")
        .find((line) => line.includes("Starting shutdown"))!
        .split("\t")[0]!,
    );
    for (const service of ["matching-api", "cv-parser", "job-parser"]) {
      const lines = log(service);
      const stopping = Date.parse(JSON.parse(lines.find((line) => line.includes(`"${service} stopping"`))!).timestamp);
      const flushMs = collectorShutdown - stopping;
      console.log(`${service}: collector shutdown ${flushMs} ms after its stop began`);
      assert.ok(
        flushMs > 0 && flushMs < 4_000,
        `the collector began its shutdown ${flushMs} ms after ${service} began its stop (want 0-4000 ms: after it, and before its 5 s flush timeout)`,
      );
      // The OTel SDK reports a failed export on stderr as "[otel warn|error] …" (src/telemetry/diag.ts).
      assert.deepEqual(
        lines.filter((line) => line.startsWith("[otel ")),
        [],
        `${service}: no export failure`,
      );
    }
  }
  await assertNothingLeft(run, `SIGINT after ${ms}${ms === "ready" ? "" : " ms"}`);
  return { stopS, parts: [...run.seen.values()].map((record) => record.name) };
}

describe("npm start stopped at any moment", { timeout: 10 * 60_000 }, () => {
  before(async () => {
    // Provisioned beforehand, so the moments below fall in the start of the parts, not in a build.
    await provisionAll();
    await isolateStack();
  });

  for (const ms of [1_000, 4_000, 10_000, "ready"] as const) {
    it(`leaves no process and no bound port when Ctrl-C comes ${ms === "ready" ? "once it is ready" : `${ms / 1000} s after launch`}`, async () => {
      const { stopS, parts } = await interruptAfter(ms);
      console.log(
        `SIGINT ${ms === "ready" ? "when ready" : `at ${ms / 1000} s`}: stopped in ${stopS.toFixed(1)} s; parts that had started: ${parts.join(", ") || "none"}`,
      );
      assert.ok(stopS < 20, `stopped in ${stopS.toFixed(1)} s`);
    });
  }

  it("after a SIGKILLed start, the next start stops what it left, says so, and comes up", async () => {
    const killed = launch();
    // Until a few parts run (their pid files say so).
    await pollUntil(() => killed.seen.size >= 3 || undefined, "three parts to be running", { timeoutMs: 120_000, intervalMs: 100 });
    process.kill(-killed.child.pid!, "SIGKILL");
    await killed.exit;
    const left = [...killed.seen.values()].filter((record) => new PidFiles(pidDir()).alive(record).length);
    assert.ok(left.length >= 3, `a SIGKILL leaves the parts running: ${left.map((record) => record.name).join(", ")}`);

    const next = launch();
    await ready(next);
    const output = next.output();
    assert.match(output, /All healthy in/, output);
    console.log(
      output
        .split("\n")
        .filter((line) => /stopped .* left running|All healthy in/.test(line))
        .join("\n"),
    );
    for (const record of left) assert.match(output, new RegExp(`stopped ${record.name} \\(pid [\\d, ]*${record.pid}`), `says it stopped ${record.name}`);
    const after = next.seen;
    process.kill(-next.child.pid!, "SIGINT");
    assert.equal((await next.exit).code, 0);
    // What the killed start left is gone too: its groups count among the recorded ones.
    for (const [pgid, record] of killed.seen) after.set(pgid, record);
    await assertNothingLeft(next, "SIGKILL, then a second start and SIGINT");
    console.log(`SIGKILL left ${left.length} parts (${left.map((record) => record.name).join(", ")}); the next start stopped them and came up`);
  });
});
