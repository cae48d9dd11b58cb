// What the supervisor needs around a child process: a start failure that carries its log tail, a
// health probe, and signals to the whole process group (a component's workers included).
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";

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

export async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}
