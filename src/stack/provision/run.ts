// Running provisioning's tools, and the progress line each step prints.

/** Provisioning runs its tools through the one process helper (src/lifecycle/spawn.ts). */
export { runCommand as run, CommandError, type RunOptions } from "../../lifecycle/spawn.ts";

/** Prints "[provision] name: what" and times the step. */
export async function step<T>(name: string, what: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  process.stderr.write(`[provision] ${name}: ${what}…\n`);
  const result = await fn();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(`[provision] ${name}: done in ${seconds}s\n`);
  return result;
}
