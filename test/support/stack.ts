// A stack of its own for each test file: a STACK_PORT_OFFSET no other stack of this machine uses and
// a state directory of its own, so stack files run side by side, and beside an `npm start` on the
// default ports. test/suites.ts claims one per stack file it runs; a file run by hand claims its own.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MAX_PORT_OFFSET } from "../../src/config/ports.ts";
import { stateDir as defaultStateDir } from "../../src/config/paths.ts";
import { stackPortMap } from "../../src/stack/prometheus-config.ts";
import { startStack, type RunningStack, type StackOptions } from "../../src/stack/stack.ts";
import { STACK_PORTS } from "../../src/stack/ports.ts";

/** Claims live as long as their owner; a claim whose owner is gone is anyone's. */
const claims = join(tmpdir(), "otel-gateway-stack-offsets");

/** Every port a default stack opens (the gateway pool's 8 blocks of 10 too). */
function defaultPorts(): number[] {
  const ports = new Set(stackPortMap({}).keys());
  for (let i = 0; i < 80; i++) ports.add(STACK_PORTS.FIRST_GATEWAY_PORT + i);
  return [...ports];
}

/** Offsets whose ports never meet the default stack's, nor each other's: no difference of two default ports. */
export function candidateOffsets(count = 12): number[] {
  const ports = defaultPorts();
  const clashes = new Set(ports.flatMap((a) => ports.map((b) => Math.abs(a - b))));
  const offsets: number[] = [];
  for (let offset = 101; offset <= MAX_PORT_OFFSET && offsets.length < count; offset++) {
    if (!clashes.has(offset) && offsets.every((other) => !clashes.has(offset - other))) offsets.push(offset);
  }
  return offsets;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer().once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });

/** Takes the claim file for `offset` for process `owner` (O_EXCL), or takes over one whose owner is gone. */
function claim(offset: number, owner: number): boolean {
  const file = join(claims, String(offset));
  try {
    writeFileSync(file, String(owner), { flag: "wx" });
    return true;
  } catch {
    const holder = Number(readFileSync(file, "utf8"));
    if (holder && alive(holder)) return false;
    rmSync(file, { force: true });
    return claim(offset, owner);
  }
}

export interface StackSlot {
  offset: number;
  stateDir: string;
  env: { STACK_PORT_OFFSET: string; STACK_STATE_DIR: string };
  release(): void;
}

/** A free offset (every one of its ports free now) and its state dir, <state>/test-stacks/<offset>, emptied
 * but for Bugsink's database. Held for `owner` until released. */
export async function claimStackSlot(owner = process.pid): Promise<StackSlot> {
  mkdirSync(claims, { recursive: true });
  for (const offset of candidateOffsets()) {
    if (!claim(offset, owner)) continue;
    const ports = defaultPorts().map((port) => port + offset);
    if ((await Promise.all(ports.map(portFree))).every(Boolean)) {
      const stateDir = join(defaultStateDir({}), "test-stacks", String(offset));
      // Fresh for each file: an earlier run's traces and series under the same service names would be counted
      // again. Bugsink's database is kept (its migration takes half a minute; tests find events by trace id).
      mkdirSync(stateDir, { recursive: true });
      for (const entry of readdirSync(stateDir)) if (entry !== "bugsink") rmSync(join(stateDir, entry), { recursive: true, force: true });
      return {
        offset,
        stateDir,
        env: { STACK_PORT_OFFSET: String(offset), STACK_STATE_DIR: stateDir },
        release: () => rmSync(join(claims, String(offset)), { force: true }),
      };
    }
    rmSync(join(claims, String(offset)), { force: true });
  }
  throw new Error(`no free stack port offset among ${candidateOffsets().join(", ")}: too many stacks running?`);
}

/** This process's stack gets its own offset and state dir, unless test/suites.ts gave it one already. */
export async function isolateStack(): Promise<void> {
  if (process.env.STACK_STATE_DIR && process.env.STACK_PORT_OFFSET) return;
  const slot = await claimStackSlot();
  Object.assign(process.env, slot.env);
  process.once("exit", () => slot.release());
}

/** startStack on this file's own offset and state dir. */
export async function startTestStack(options: StackOptions = {}): Promise<RunningStack> {
  await isolateStack();
  return startStack(options);
}
