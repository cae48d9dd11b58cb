// Small shared pieces for provisioning: where the cache lives, running a tool, and progress lines.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { accessSync, constants, existsSync, mkdirSync, readFileSync } from "node:fs";
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

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Where the tool's output goes; default: inherited so the user sees progress. */
  quiet?: boolean;
}

/** Runs a command to completion; rejects with the tail of its output when it fails. */
export function run(command: string, args: string[], options: RunOptions = {}): Promise<string> {
  const { cwd, env, quiet = false } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.length > 200_000) output = output.slice(-100_000);
      if (!quiet) process.stderr.write(chunk);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(" ")} exited with ${code}:\n${output.slice(-4000)}`));
    });
  });
}

/** Prints "[provision] name: what" and times the step. */
export async function step<T>(name: string, what: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  process.stderr.write(`[provision] ${name}: ${what}…\n`);
  const result = await fn();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(`[provision] ${name}: done in ${seconds}s\n`);
  return result;
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
