// Polls until `check` returns a value (not undefined/false), failing with what it waited for and
// how long: "Timed out after 15.0s waiting for: jaeger to answer /status".
import { setTimeout as sleep } from "node:timers/promises";

export interface PollOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Stops the poll early: it rejects with the signal's reason. */
  signal?: AbortSignal;
}

export async function pollUntil<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  description: string,
  { timeoutMs = 15_000, intervalMs = 100, signal }: PollOptions = {},
): Promise<T> {
  const started = Date.now();
  let lastError: unknown;
  while (Date.now() - started < timeoutMs) {
    signal?.throwIfAborted();
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    // Aborted during the wait: the loop's first line throws the signal's own reason.
    await sleep(intervalMs, undefined, { signal }).catch(() => undefined);
  }
  signal?.throwIfAborted();
  const reason = lastError instanceof Error ? ` (last error: ${lastError.message})` : "";
  throw new Error(`Timed out after ${(timeoutMs / 1000).toFixed(1)}s waiting for: ${description}${reason}`);
}

/**
 * Watches that `check` stays true for `forMs`: a part held down, no retry, no second copy arriving.
 * The other side of pollUntil: it fails as soon as the check turns false (or throws), naming what
 * was to hold and after how long, and answers once the whole window has passed.
 */
export async function holdsFor(
  check: () => Promise<boolean> | boolean,
  description: string,
  { forMs, intervalMs = 100, signal }: { forMs: number; intervalMs?: number; signal?: AbortSignal },
): Promise<void> {
  const started = performance.now();
  for (;;) {
    signal?.throwIfAborted();
    if (!(await check())) throw new Error(`Stopped holding after ${((performance.now() - started) / 1000).toFixed(1)}s: ${description}`);
    if (performance.now() - started >= forMs) return;
    await sleep(Math.min(intervalMs, forMs - (performance.now() - started)), undefined, { signal }).catch(() => undefined);
  }
}
