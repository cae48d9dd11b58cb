// The SDK reports export failures through `diag`. An absent collector must not flood the log,
// so warnings and errors are forwarded to stderr at most once per minute per kind of message.
import { diag, DiagLogLevel, type DiagLogger } from "@opentelemetry/api";

const QUIET_PERIOD_MS = 60_000;

function firstLine(args: unknown[]): string {
  return args
    .map((arg) => {
      if (typeof arg === "string") return arg;
      // Export errors arrive as Errors or as plain objects carrying one's fields.
      const message = (arg as { message?: unknown } | null)?.message;
      return typeof message === "string" ? message : JSON.stringify(arg);
    })
    .join(" ")
    .split("\n")[0]!
    .slice(0, 300);
}

export function createThrottledDiagLogger(write: (line: string) => void, now = Date.now): DiagLogger {
  const lastSeen = new Map<string, number>();
  const report =
    (level: string) =>
    (...args: unknown[]) => {
      const message = firstLine(args);
      const kind = `${level}:${message.replace(/[0-9]+/g, "#").slice(0, 80)}`;
      const previous = lastSeen.get(kind);
      if (previous !== undefined && now() - previous < QUIET_PERIOD_MS) return;
      lastSeen.set(kind, now());
      write(`[otel ${level}] ${message}${previous === undefined ? "" : " (repeats are muted for 60s)"}\n`);
    };
  const ignore = () => {};
  return { error: report("error"), warn: report("warn"), info: ignore, debug: ignore, verbose: ignore };
}

/** OTEL_LOG_LEVEL, when set, is the SDK's own business and wins. */
export function installDiagLogger(env: NodeJS.ProcessEnv = process.env): void {
  if (env.OTEL_LOG_LEVEL) return;
  diag.setLogger(
    createThrottledDiagLogger((line) => process.stderr.write(line)),
    {
      logLevel: DiagLogLevel.WARN,
      suppressOverrideMessage: true,
    },
  );
}
