// Starts components as child processes (each in its own process group, output to .stack/logs),
// waits for their health URLs, and stops every one of them, group and all, within seconds.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Component } from "./types.ts";

export interface Running {
  component: Component;
  child: ChildProcess;
  logFile: string;
  /** Milliseconds from spawn to healthy. */
  startedInMs: number;
}

export class StartError extends Error {
  readonly component: string;
  constructor(component: string, message: string, logTail: string) {
    super(`${component} failed to start: ${message}\n--- last lines of its log ---\n${logTail}`);
    this.name = "StartError";
    this.component = component;
  }
}

export function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

export class Supervisor {
  readonly running: Running[] = [];
  private readonly logDir: string;

  constructor(logDir: string) {
    this.logDir = logDir;
    mkdirSync(logDir, { recursive: true });
  }

  /** Spawns the component and resolves once its health URL answers 2xx; rejects with its log tail. */
  async start(component: Component): Promise<Running> {
    const logFile = join(this.logDir, `${component.name}.log`);
    // Another process on the port would pass our health check while ours dies with "address in use".
    if (component.healthUrl && (await healthy(component.healthUrl))) {
      throw new StartError(component.name, `something already answers at ${component.healthUrl} (another stack still running?)`, "");
    }
    const log = createWriteStream(logFile, { flags: "w" });
    const started = performance.now();
    const child = spawn(component.command, component.args, {
      cwd: component.cwd,
      env: { ...process.env, ...component.env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    const entry: Running = { component, child, logFile, startedInMs: 0 };
    this.running.push(entry);

    let exited: string | undefined;
    child.once("error", (error) => (exited = error.message));
    child.once("exit", (code, signal) => (exited ??= `exited with ${signal ?? code}`));
    const deadline = started + (component.startTimeoutMs ?? 30_000);
    while (performance.now() < deadline) {
      if (exited) throw new StartError(component.name, exited, tail(logFile));
      if (component.healthUrl ? await healthy(component.healthUrl) : performance.now() - started > 1_000) {
        entry.startedInMs = Math.round(performance.now() - started);
        return entry;
      }
      await sleep(250);
    }
    throw new StartError(component.name, `no healthy answer from ${component.healthUrl} within ${component.startTimeoutMs ?? 30_000} ms`, tail(logFile));
  }

  /** SIGTERM to every process group, newest first; SIGKILL what is left after the grace period. */
  async stopAll(graceMs = 8_000): Promise<void> {
    const alive = this.running.filter(({ child }) => child.exitCode === null && child.signalCode === null).reverse();
    const exits = alive.map(({ child }) => new Promise<void>((resolve) => child.once("exit", () => resolve())));
    for (const { child } of alive) signalGroup(child, "SIGTERM");
    const timer = setTimeout(() => alive.forEach(({ child }) => signalGroup(child, "SIGKILL")), graceMs);
    await Promise.all(exits);
    clearTimeout(timer);
    // A component's own children (workers) may outlive it briefly; the group signal reaches them too.
    for (const { child } of alive) signalGroup(child, "SIGKILL");
    this.running.length = 0;
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}
