// Stop once on SIGINT/SIGTERM (or the signals given): the first signal runs `stop` and then exits; a second one while it
// runs forces (runs `force`, exits at once), as Ctrl-C twice does with docker compose.

export interface StopSignalOptions {
  /** Exit code after a clean stop; default 0. */
  exitCode?: number;
  /** Run on a second signal, before exiting with 130: e.g. SIGKILL what is still up. */
  force?: () => void;
  /** Told which signal arrived; default: nothing. */
  onSignal?: (signal: NodeJS.Signals, forced: boolean) => void;
  /** Default SIGINT and SIGTERM; `npm start` adds SIGHUP (its terminal closed). */
  signals?: NodeJS.Signals[];
}

/**
 * Wires SIGINT and SIGTERM to `stop` (called at most once). Returns a function that removes the
 * handlers and `stopNow(exitCode)`, to stop the same way from code (a part died, the start failed).
 */
export function onStopSignal(
  stop: (signal: NodeJS.Signals | undefined) => Promise<void> | void,
  { exitCode = 0, force, onSignal, signals = ["SIGINT", "SIGTERM"] }: StopSignalOptions = {},
) {
  let stopping: Promise<void> | undefined;
  const stopNow = (code = exitCode, signal?: NodeJS.Signals): Promise<void> => {
    stopping ??= (async () => {
      try {
        await stop(signal);
      } finally {
        process.exit(code);
      }
    })();
    return stopping;
  };
  const handler = (signal: NodeJS.Signals) => {
    onSignal?.(signal, stopping !== undefined);
    if (stopping) {
      force?.();
      process.exit(130);
    }
    void stopNow(exitCode, signal);
  };
  for (const signal of signals) process.on(signal, handler);
  const dispose = () => signals.forEach((signal) => process.off(signal, handler));
  return { stopNow, dispose };
}
