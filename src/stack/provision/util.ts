// Small shared pieces for provisioning: where the cache lives, running a tool, and progress lines.
import { createHash } from "node:crypto";
import { accessSync, chmodSync, constants, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** Built binaries, venvs and jars live outside the clone so a fresh checkout starts warm. */
export function cacheDir(...parts: string[]): string {
  const root = process.env.OTEL_GATEWAY_CACHE ?? join(homedir(), ".cache", "otel-gateway");
  const dir = join(root, ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The project's root (two levels above src/stack/provision). */
export const projectRoot = new URL("../../../", import.meta.url).pathname;

/** <project>/.stack/<name>: where a backend keeps its data between runs (ignored by git). */
export function stackDataDir(name: string): string {
  return join(projectRoot, ".stack", name);
}

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

/**
 * Writes a file that carries a secret (a token, a DSN, a password): readable by its owner only. Written
 * beside and renamed over, so an older copy left 0644 is replaced, not rewritten in its old mode.
 */
export function writePrivateFile(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  chmodSync(temporary, 0o600); // the umask may have taken bits off, never added them: this is only a guard
  renameSync(temporary, file);
}

export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A short digest of files, to tell whether a cached build still matches its inputs. */
export function digestOf(...files: string[]): string {
  const hash = createHash("sha256");
  for (const file of files) hash.update(existsSync(file) ? readFileSync(file) : file);
  return hash.digest("hex").slice(0, 16);
}
