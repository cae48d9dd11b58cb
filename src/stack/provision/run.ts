// Running provisioning's tools, and the progress lines each step prints.

/** Provisioning runs its tools through the one process helper (src/lifecycle/spawn.ts). */
export { runCommand as run, CommandError, type RunOptions } from "../../lifecycle/spawn.ts";

/** How often a long step says it is still at work: a cold first `npm start` builds for minutes. */
const PROGRESS_EVERY_MS = 15_000;

/** Prints "[provision] name: what…", a "still …" line every 15 s while it runs, and the time it took. */
export async function step<T>(name: string, what: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const elapsed = () => ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(`[provision] ${name}: ${what}…\n`);
  const progress = setInterval(() => process.stderr.write(`[provision] ${name}: still ${what} (${elapsed()}s)\n`), PROGRESS_EVERY_MS);
  progress.unref();
  try {
    const result = await fn();
    process.stderr.write(`[provision] ${name}: done in ${elapsed()}s\n`);
    return result;
  } finally {
    clearInterval(progress);
  }
}
