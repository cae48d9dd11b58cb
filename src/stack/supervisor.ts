// Starts components as child processes (each in its own process group, output to <state>/logs),
// waits for their health URLs, restarts one that dies (with backoff, as systemd's Restart= or
// compose's restart: would), and stops every one of them, group and all, in dependency order
// (each component's stopTier: what sends telemetry stops before what receives it). A stop
// during start-up aborts the starts still pending; with a pid directory each running part has a
// pid file there, so that what a killed `npm start` left behind can be found (src/lifecycle/pid-files.ts).
// With a rotation policy, each part's log is rotated by size (src/lifecycle/log-rotation.ts).
import type { ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { rotateIfLarge, type RotationPolicy } from "../lifecycle/log-rotation.ts";
import { PID_DIR_VARIABLE, PidFiles } from "../lifecycle/pid-files.ts";
import { pollUntil } from "../lifecycle/poll.ts";
import { isRunning, signalGroup, spawnProcess, stopGroup } from "../lifecycle/spawn.ts";
import { STOP_TIER, stopInOrder } from "../lifecycle/stop-order.ts";
import { healthy, StartAborted, StartError, tail } from "./child-process.ts";
import type { Component } from "./types.ts";

export { StartAborted, StartError, tail } from "./child-process.ts";

export interface Running {
  component: Component;
  /** The current process; replaced when the part is restarted. */
  child: ChildProcess;
  logFile: string;
  /** Milliseconds from spawn to healthy (the first start). */
  startedInMs: number;
  /** How many times it died and was started again. */
  restarts: number;
  /** "running", "restarting" (dead, waiting for its backoff or health), or "held" (stopped on purpose). */
  state: "running" | "restarting" | "held";
  /** How the last process ended, e.g. "exited with SIGKILL". */
  lastExit?: string;
}

export interface SupervisorOptions {
  /** Told about each death and restart: `npm start` prints it. */
  onEvent?: (message: string) => void;
  /** First wait before a restart; doubles each time up to maxBackoffMs, back to the start after a minute up. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Where each running part's pid file goes (npm start: <state>/pids); none: no pid files. */
  pidDir?: string;
  /** Each part's log rotated by size, checked every 30 s; none: logs grow without bound. */
  logRotation?: RotationPolicy;
}

const ROTATION_CHECK_MS = 30_000;

export class Supervisor {
  readonly running: Running[] = [];
  private readonly logDir: string;
  private readonly options: Required<Omit<SupervisorOptions, "pidDir" | "logRotation">>;
  private readonly pidFiles: PidFiles | undefined;
  private stopped: Promise<void> | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly rotation: NodeJS.Timeout | undefined;

  constructor(logDir: string, { onEvent = () => {}, backoffMs = 1_000, maxBackoffMs = 30_000, pidDir, logRotation }: SupervisorOptions = {}) {
    this.logDir = logDir;
    this.options = { onEvent, backoffMs, maxBackoffMs };
    this.pidFiles = pidDir ? new PidFiles(pidDir) : undefined;
    mkdirSync(logDir, { recursive: true });
    if (logRotation) {
      this.rotation = setInterval(() => {
        for (const { logFile } of this.running) {
          // A full disk (ENOSPC on the copy) must not take the supervisor, and so every part, down with it.
          try {
            rotateIfLarge(logFile, logRotation);
          } catch (error) {
            this.options.onEvent(`log rotation of ${logFile}: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
      }, ROTATION_CHECK_MS);
      this.rotation.unref();
    }
  }

  /** True once stopAll() was called: every start still pending is aborted, nothing is restarted. */
  get stopping(): boolean {
    return this.stopped !== undefined;
  }

  /** Spawns the component and resolves once its health URL answers 2xx; rejects with its log tail. */
  async start(component: Component): Promise<Running> {
    const logFile = join(this.logDir, `${component.name}.log`);
    // Another process on the port would pass our health check while ours dies with "address in use".
    if (component.healthUrl && (await healthy(component.healthUrl))) {
      throw new StartError(component.name, `something already answers at ${component.healthUrl} (another stack still running?)`, "");
    }
    if (this.stopping) throw new StartAborted(component.name);
    const entry: Running = { component, child: undefined as never, logFile, startedInMs: 0, restarts: 0, state: "running" };
    this.running.push(entry);
    entry.startedInMs = await this.spawnUntilHealthy(entry, "w");
    this.watch(entry);
    return entry;
  }

  /** Stops a part on purpose and keeps it down (no restart) until resume(): fault injection, maintenance. */
  async hold(name: string, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
    const entry = this.entry(name);
    entry.state = "held";
    await stopGroup(entry.child, { signal, graceMs: 8_000 });
  }

  /** Starts a held part again and waits until it is healthy. */
  async resume(name: string): Promise<void> {
    const entry = this.entry(name);
    if (this.stopping) throw new StartAborted(name);
    entry.state = "restarting";
    await this.spawnUntilHealthy(entry, "a");
    entry.state = "running";
    this.watch(entry);
  }

  private entry(name: string): Running {
    const entry = this.running.find(({ component }) => component.name === name);
    if (!entry) throw new Error(`no component named ${name}`);
    return entry;
  }

  private async spawnUntilHealthy(entry: Running, flags: "w" | "a"): Promise<number> {
    const { component, logFile } = entry;
    const started = performance.now();
    // Output straight into the log file: a part outliving a killed `npm start` still has somewhere to write.
    // Tagged with the pid directory, so a part killed before its pid file was written is still found.
    const env = this.pidFiles ? { ...component.env, [PID_DIR_VARIABLE]: this.pidFiles.dir } : component.env;
    const child = spawnProcess(component.command, component.args, { cwd: component.cwd, env, output: { file: logFile, append: flags === "a" } });
    entry.child = child;
    if (child.pid !== undefined) this.pidFiles?.write(component.name, child.pid, [component.command, ...component.args].join(" "));
    child.once("exit", () => child.pid !== undefined && this.pidFiles?.remove(component.name, child.pid));

    let exited: string | undefined;
    child.once("error", (error) => (exited = error.message));
    child.once("exit", (code, signal) => (exited ??= `exited with ${signal ?? code}`));
    const timeoutMs = component.startTimeoutMs ?? 30_000;
    const outcome = await pollUntil(
      async () => {
        if (this.stopping) return "aborted";
        if (exited) return "exited";
        return (component.healthUrl ? await healthy(component.healthUrl) : performance.now() - started > 1_000) && "healthy";
      },
      `${component.name} to answer ${component.healthUrl ?? "(running for a second)"}`,
      { timeoutMs, intervalMs: 250 },
    ).catch(() => "timed out" as const);
    if (outcome === "healthy") return Math.round(performance.now() - started);
    if (outcome === "aborted") throw new StartAborted(component.name);
    if (outcome === "exited") throw new StartError(component.name, exited!, tail(logFile));
    signalGroup(child, "SIGKILL");
    throw new StartError(component.name, `no healthy answer from ${component.healthUrl} within ${timeoutMs} ms`, tail(logFile));
  }

  /** Once up: when the process dies unasked, start it again after a backoff that grows while it keeps dying. */
  private watch(entry: Running, attempt = 0): void {
    const { child } = entry;
    const upSince = performance.now();
    child.once("exit", (code, signal) => {
      if (this.unwanted(entry) || entry.child !== child) return;
      entry.lastExit = `exited with ${signal ?? code}`;
      entry.state = "restarting";
      // The group may still hold its ports (workers); a restart must not find them taken.
      signalGroup(child, "SIGKILL");
      this.schedule(entry, performance.now() - upSince > 60_000 ? 0 : attempt, entry.lastExit);
    });
  }

  /** Stopping everything, or this part held down on purpose: no restart. */
  private unwanted(entry: Running): boolean {
    return this.stopping || entry.state === "held";
  }

  private schedule(entry: Running, attempt: number, why: string): void {
    const delay = Math.min(this.options.backoffMs * 2 ** attempt, this.options.maxBackoffMs);
    this.options.onEvent(`${entry.component.name} ${why}; restarting in ${(delay / 1000).toFixed(1)}s (restart ${entry.restarts + 1})`);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.restart(entry, attempt + 1);
    }, delay);
    this.timers.add(timer);
  }

  private async restart(entry: Running, attempt: number): Promise<void> {
    if (this.unwanted(entry)) return;
    entry.restarts += 1;
    try {
      const ms = await this.spawnUntilHealthy(entry, "a");
      if (this.unwanted(entry)) return;
      entry.state = "running";
      this.options.onEvent(
        `${entry.component.name} is back, healthy in ${(ms / 1000).toFixed(1)}s (${entry.restarts} restart${entry.restarts === 1 ? "" : "s"} so far)`,
      );
      this.watch(entry, attempt);
    } catch (error) {
      if (this.unwanted(entry)) return;
      signalGroup(entry.child, "SIGKILL");
      this.schedule(entry, attempt, `did not come back (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`);
    }
  }

  /**
   * Tier by tier (Component.stopTier, lowest first): SIGTERM to the tier's process groups, SIGKILL
   * what is left after the grace period, then the next tier. Also aborts the starts still pending.
   * Called again, it returns the same stop.
   */
  stopAll(graceMs = 8_000): Promise<void> {
    this.stopped ??= this.stopEverything(graceMs);
    return this.stopped;
  }

  private async stopEverything(graceMs: number): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    clearInterval(this.rotation);
    const alive = this.running.filter(({ child }) => child && isRunning(child));
    // A component's own children (workers) may outlive it briefly; stopGroup's last SIGKILL reaches them too.
    await stopInOrder(
      alive.map(({ child, component }) => ({ child, tier: component.stopTier ?? STOP_TIER.backends })),
      { graceMs },
    );
    this.running.length = 0;
  }
}
