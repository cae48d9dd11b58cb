// Every path the project reads or a stack writes, in one place: the project's root, the stack's state
// directory (`.stack` unless STACK_STATE_DIR says otherwise) and each file in it, and the build cache.
// Read per call, not at import: a test sets STACK_STATE_DIR before it starts its own stack. Comments
// elsewhere write the state dir as <state>/.
import { mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";

/** The project's root (two levels above src/config). */
export const projectRoot = new URL("../../", import.meta.url).pathname;

/** Where one stack keeps everything it writes: STACK_STATE_DIR, default <project>/.stack (ignored by git).
 * Two stacks with two state directories (and two STACK_PORT_OFFSETs) never touch each other's files. */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.STACK_STATE_DIR?.trim();
  return dir ? resolve(dir) : join(projectRoot, ".stack");
}

/** <state>/<parts…>: a backend's data, a queue, a rendered config. */
export function statePath(...parts: string[]): string {
  return join(stateDir(), ...parts);
}

/** Where every running part is (ENDPOINTS_FILE: another stack's file; tests: one that does not exist). */
export function endpointsFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.ENDPOINTS_FILE?.trim() || join(stateDir(env), "endpoints.json");
}

/** One pid file per running part: how the next start finds what a killed one left behind. */
export const pidDir = () => statePath("pids");
/** Each part's log (rotated by size). */
export const logDir = () => statePath("logs");
/** The services' feature flags (FLAGS_FILE overrides). */
export const flagsFile = () => statePath("flags.json");
/** Browser screenshots the console e2e takes. */
export const screenshotDir = () => statePath("screenshots");

/** Each stack test file's last duration, so the next `npm test` starts the longest first. */
export const testDurationsFile = () => statePath("test-durations.json");

/** Built binaries, venvs and jars live outside the clone (OTEL_GATEWAY_CACHE, default ~/.cache/otel-gateway)
 * so a fresh checkout starts warm; shared by every stack of the machine. Made on first use. */
export function cacheDir(...parts: string[]): string {
  const root = process.env.OTEL_GATEWAY_CACHE ?? join(homedir(), ".cache", "otel-gateway");
  const dir = join(root, ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}
