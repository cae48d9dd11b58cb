// Polls until `check` returns a value (not undefined/false), failing with what it waited for.
import { setTimeout as sleep } from "node:timers/promises";

export async function pollUntil<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  description: string,
  { timeoutMs = 15_000, intervalMs = 100 } = {},
): Promise<T> {
  const started = Date.now();
  let lastError: unknown;
  while (Date.now() - started < timeoutMs) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    await sleep(intervalMs);
  }
  const reason = lastError instanceof Error ? ` (last error: ${lastError.message})` : "";
  throw new Error(`Timed out after ${(timeoutMs / 1000).toFixed(1)}s waiting for: ${description}${reason}`);
}
