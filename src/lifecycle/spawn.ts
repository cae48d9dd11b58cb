// The one way this project starts a process: in its own process group (so a stop reaches its
// workers too), output to a pipe, to the terminal, or straight into a log file (which outlives us,
// so a part keeps logging if `npm start` is killed). Stopping is SIGTERM to the group, a grace
// period, then SIGKILL; `runCommand` runs a tool to completion for provisioning.
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, ftruncateSync, openSync } from "node:fs";

export interface SpawnOptions {
  cwd?: string;
  /** Merged over process.env. */
  env?: Record<string, string | undefined>;
  /** "pipe" (read child.stdout/stderr), "inherit" (our terminal), or a log file both streams go to. */
  output?: "pipe" | "inherit" | { file: string; append?: boolean };
  /** Its own process group (default): our terminal's Ctrl-C does not reach it, our stop does. */
  group?: boolean;
}

export function spawnProcess(command: string, args: string[], { cwd, env, output = "pipe", group = true }: SpawnOptions = {}): ChildProcess {
  // Always O_APPEND, even when starting afresh: a log rotated by copy and truncate
  // (src/lifecycle/log-rotation.ts) is then written from its new end, not at the old offset.
  const fd = typeof output === "object" ? openSync(output.file, "a") : undefined;
  if (fd !== undefined && typeof output === "object" && !output.append) ftruncateSync(fd);
  try {
    return spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ["ignore", fd ?? output, fd ?? output] as ["ignore", number | "pipe" | "inherit", number | "pipe" | "inherit"],
      detached: group,
    });
  } finally {
    // The child holds its own copy of the descriptor.
    if (fd !== undefined) closeSync(fd);
  }
}

export const isRunning = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/** Resolves once the process has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  return isRunning(child) && child.pid !== undefined ? new Promise((resolve) => child.once("exit", () => resolve())) : Promise.resolve();
}

/** Signals every process of the group led by `pid` (a ChildProcess spawned with group: true). */
export function signalGroup(target: ChildProcess | number | undefined, signal: NodeJS.Signals): void {
  const pid = typeof target === "number" ? target : target?.pid;
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** SIGTERM (or `signal`) to the group, SIGKILL after `graceMs`; then SIGKILL what is left of the group (workers). */
export async function stopGroup(
  child: ChildProcess,
  { graceMs = 8_000, signal = "SIGTERM" }: { graceMs?: number; signal?: NodeJS.Signals } = {},
): Promise<void> {
  const done = exited(child);
  signalGroup(child, signal);
  const timer = setTimeout(() => signalGroup(child, "SIGKILL"), graceMs);
  await done;
  clearTimeout(timer);
  signalGroup(child, "SIGKILL");
}

/** A tool that exited non-zero: its command line, exit code and the end of what it printed. */
export class CommandError extends Error {
  override readonly name = "CommandError";
  readonly command: string;
  readonly exitCode: number | null;
  readonly outputTail: string;
  constructor(command: string, exitCode: number | null, outputTail: string) {
    super(`${command} exited with ${exitCode}:\n${outputTail}`);
    this.command = command;
    this.exitCode = exitCode;
    this.outputTail = outputTail;
  }
}

/** How much of a tool's output a failure carries: the end, where the error is. */
const TAIL_CHARS = 4_000;

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Default false: the output also goes to our stderr, so the user sees progress. */
  quiet?: boolean;
}

/** The commands runCommand has running: a stop during start-up must not leave one behind. */
const commands = new Set<ChildProcess>();

/** SIGTERM to every command still running (SIGKILL after `graceMs`); resolves once all have exited. */
export async function stopCommands({ graceMs = 5_000 } = {}): Promise<void> {
  await Promise.all(
    [...commands].map((child) => {
      const done = exited(child);
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      return done.finally(() => clearTimeout(timer));
    }),
  );
}

/** Runs a command to completion; resolves with its stdout + stderr, rejects with a CommandError. */
export function runCommand(command: string, args: string[], { cwd, env, quiet = false }: RunOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    // In our group: a Ctrl-C during provisioning reaches the build too; stopCommands() for any other stop.
    const child = spawnProcess(command, args, { cwd, env, group: false });
    commands.add(child);
    child.once("exit", () => commands.delete(child));
    const chunks: Buffer[] = [];
    const collect = (chunk: Buffer) => {
      chunks.push(chunk);
      if (!quiet) process.stderr.write(chunk);
    };
    child.stdout!.on("data", collect);
    child.stderr!.on("data", collect);
    child.on("error", reject);
    child.on("close", (code) => {
      const output = Buffer.concat(chunks).toString();
      if (code === 0) resolve(output);
      else reject(new CommandError(`${command} ${args.join(" ")}`, code, output.slice(-TAIL_CHARS)));
    });
  });
}
