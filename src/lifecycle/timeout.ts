// A time bound on a promise, the timer cleared either way: `withTimeout` rejects when it runs out,
// `settleWithin` resolves undefined (a flush that must not hold a shutdown forever).

export class TimeoutError extends Error {
  override readonly name = "TimeoutError";
}

export function withTimeout<T>(work: Promise<T>, timeoutMs: number, message = `no answer within ${timeoutMs} ms`): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(message)), timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Like withTimeout, but running out is not an error: resolves undefined. A rejection of `work` still rejects. */
export function settleWithin<T>(work: Promise<T>, timeoutMs: number): Promise<T | undefined> {
  return withTimeout(work, timeoutMs).catch((error: unknown) => {
    if (error instanceof TimeoutError) return undefined;
    throw error;
  });
}
