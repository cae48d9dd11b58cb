// Waiting with a deadline: a service that never becomes healthy fails the run, it never hangs it.
import { setTimeout as sleep } from "node:timers/promises";
import type { ChildProcess } from "node:child_process";

/** Polls `url` until it answers 200; fails after `timeoutMs` or as soon as `child` exits. */
export async function waitForOk(url: string, { timeoutMs = 30_000, intervalMs = 5, child }: { timeoutMs?: number; intervalMs?: number; child?: ChildProcess } = {}): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      throw new Error(`${url}: the process exited (${child.exitCode ?? child.signalCode}) before answering 200`);
    }
    const ok = await fetch(url, { signal: AbortSignal.timeout(1_000) }).then(
      async (response) => (await response.arrayBuffer(), response.status === 200),
      () => false,
    );
    if (ok) return;
    await sleep(intervalMs);
  }
  throw new Error(`Timed out after ${(timeoutMs / 1000).toFixed(0)}s waiting for ${url} to answer 200`);
}
