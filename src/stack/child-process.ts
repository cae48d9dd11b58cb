// What the supervisor needs around a child process: a start failure that carries its log tail, a
// start cut short by a stop, and a health probe. Spawning and signals: src/lifecycle/spawn.ts.
import { readFileSync } from "node:fs";

export class StartError extends Error {
  readonly component: string;
  constructor(component: string, message: string, logTail: string) {
    super(`${component} failed to start: ${message}\n--- last lines of its log ---\n${logTail}`);
    this.name = "StartError";
    this.component = component;
  }
}

/** A start that a stop (Ctrl-C during start-up) cut short: not a failure of the part. */
export class StartAborted extends Error {
  override readonly name = "StartAborted";
  constructor(what: string) {
    super(`${what}: not started, the stack is stopping`);
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
