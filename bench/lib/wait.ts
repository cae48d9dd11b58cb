// Waiting with a deadline: a service that never becomes healthy fails the run, it never hangs it.
import type { ChildProcess } from "node:child_process";
import { pollUntil } from "../../src/lifecycle/poll.ts";

/** Polls `url` until it answers 200; fails after `timeoutMs` or as soon as `child` exits. */
export async function waitForOk(
  url: string,
  { timeoutMs = 30_000, intervalMs = 5, child }: { timeoutMs?: number; intervalMs?: number; child?: ChildProcess } = {},
): Promise<void> {
  const outcome = await pollUntil(
    async () => {
      if (child && (child.exitCode !== null || child.signalCode !== null)) return "exited";
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      return response.status === 200 && "ok";
    },
    `${url} to answer 200`,
    { timeoutMs, intervalMs },
  );
  if (outcome === "exited") throw new Error(`${url}: the process exited (${child!.exitCode ?? child!.signalCode}) before answering 200`);
}
