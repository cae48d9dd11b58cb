// One build of each part at a time on the machine: two checkouts, or `npm start` beside `npm test`,
// share the cache, and on a cold machine both would build the same part at once (measured: three
// Jaeger builds side by side on two cores), or one `venv --clear` would pull a venv from under the
// other's pip. A lock file in the cache, made with O_EXCL, holds the builder's pid; the others wait
// for it, then find the part ready. A lock whose process is gone (a build killed) is taken over.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { join } from "node:path";
import { cacheDir } from "../../config/paths.ts";
import { step } from "./run.ts";

const WAIT_STEP_MS = 500;
const SAY_EVERY_MS = 15_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the lock (true), or answers the pid holding it; a dead holder's lock is removed and tried again. */
function tryLock(file: string): true | number {
  for (;;) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: "wx" });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = Number(readFileSync(file, "utf8").trim() || NaN);
    if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) return holder;
    rmSync(file, { force: true });
  }
}

/**
 * Runs `build` as the step "name: what…" unless `isReady` says the part is there, once on the machine:
 * a process that finds another building it waits, saying so every 15 s, and builds only if the part is
 * still missing when the lock is free (the other build failed).
 */
export async function buildOnce(name: string, what: string, isReady: () => boolean, build: () => Promise<void>): Promise<void> {
  if (isReady()) return;
  const dir = cacheDir("locks");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.lock`);
  const started = performance.now();
  let said = -SAY_EVERY_MS;
  for (let got = tryLock(file); got !== true; got = tryLock(file)) {
    const waited = performance.now() - started;
    if (waited - said >= SAY_EVERY_MS) {
      process.stderr.write(`[provision] ${name}: waiting for process ${got}, which is ${what} (${(waited / 1000).toFixed(1)}s)\n`);
      said = waited;
    }
    await sleep(WAIT_STEP_MS);
  }
  try {
    if (!isReady()) await step(name, what, build);
  } finally {
    rmSync(file, { force: true });
  }
}
