// The service and the load generator on separate cores (taskset, where it exists), and a process's
// CPU time and resident memory read from /proc.
import { execFileSync, spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";

function hasTaskset(): boolean {
  try {
    execFileSync("taskset", ["-p", String(process.pid)], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Core 0 runs what is measured, core 1 the load; with one core or no taskset nothing is pinned. */
export const pinning = hasTaskset() && availableParallelism() >= 2 ? { measured: "0", load: "1" } : undefined;

/** Pins this process (the orchestrator, the load generator, the OTLP sink) to the load core. */
export function pinSelfToLoadCore(): void {
  if (pinning) execFileSync("taskset", ["-p", "-c", pinning.load, String(process.pid)], { stdio: "ignore" });
}

/** Pins an already running process to the measured core. */
export function pinToMeasuredCore(pid: number): void {
  if (pinning) execFileSync("taskset", ["-a", "-p", "-c", pinning.measured, String(pid)], { stdio: "ignore" });
}

/** Spawns `command` on the measured core. */
export function spawnMeasured(command: string, args: string[], options: SpawnOptions): ChildProcess {
  return pinning ? spawn("taskset", ["-c", pinning.measured, command, ...args], options) : spawn(command, args, options);
}

const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/** User + system CPU time of a process so far, in ms (taskset execs, so the pid is the program's). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may hold spaces) start at ") "; utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
}

/** SIGTERM, then SIGKILL after a grace period; resolves once the process is gone. */
export function stopProcess(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
