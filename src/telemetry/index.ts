// The one module a service loads first. `await startTelemetry()` starts NodeSDK (traces, metrics, logs)
// and, with SENTRY_DSN, Sentry for errors (and spans, with SENTRY_TRACES_SAMPLE_RATE); it never rejects,
// and returns a handle whose shutdown() flushes within a bound. NodeSDK reads its variables from
// process.env; `env` is what we read ourselves (tests hand in their own).
import { logs } from "@opentelemetry/api";
import { logs as legacyLogs, type LoggerProvider as LegacyLoggerProvider } from "@opentelemetry/api-logs";
import type winston from "winston";
import { readTelemetryConfig, type ConfigDefaults, type TelemetryConfig } from "./config.ts";
import { installDiagLogger } from "./diag.ts";
import { createLogger, setLogger } from "./logging.ts";
import { observeHeapLimit } from "./runtime.ts";
import { startSdk, type SdkExtras } from "./sdk.ts";
import { startSentry, stopSentry } from "./sentry.ts";
import { sentrySpanProcessors } from "./sentry-spans.ts";
import { settleWithin } from "../lifecycle/timeout.ts";

export interface TelemetryOptions extends ConfigDefaults {
  extras?: SdkExtras;
  env?: NodeJS.ProcessEnv;
}

export interface Telemetry {
  config: TelemetryConfig;
  logger: winston.Logger;
  shutdown(): Promise<void>;
}

export async function startTelemetry({ extras, env = process.env, ...defaults }: TelemetryOptions = {}): Promise<Telemetry> {
  const config = readTelemetryConfig(defaults, env);
  const loggerOptions = { serviceName: config.serviceName, level: config.logLevel, pretty: config.prettyLogs };
  const logger = createLogger(loggerOptions);
  setLogger(logger, loggerOptions);
  let sdk: Awaited<ReturnType<typeof startSdk>>;
  try {
    installDiagLogger(env);
    const toSentry = env.SENTRY_DSN ? await sentrySpanProcessors(env.SENTRY_DSN, env) : [];
    sdk = await startSdk(config, { ...extras, spanProcessors: [...(extras?.spanProcessors ?? []), ...toSentry] }, env);
  } catch (error) {
    // Telemetry must never take the service down: run without it and say so once.
    logger.warn("telemetry disabled: the SDK failed to start", { error });
    return { config, logger, shutdown: async () => {} };
  }
  // From here the SDK runs: whatever fails next must not lose the handle that flushes it.
  try {
    observeHeapLimit();
    // @opentelemetry/winston-transport still reads the logs API from @opentelemetry/api-logs;
    // hand it the provider the SDK registered on @opentelemetry/api.
    legacyLogs.setGlobalLoggerProvider(logs.getLoggerProvider() as unknown as LegacyLoggerProvider);
    if (env.SENTRY_DSN) {
      await startSentry({
        dsn: env.SENTRY_DSN,
        environment: env.SENTRY_ENVIRONMENT ?? config.environment,
        release: env.SENTRY_RELEASE ?? config.serviceVersion,
        serviceName: config.serviceName,
      });
    }
  } catch (error) {
    logger.warn("telemetry partly started: the SDK runs and is flushed on shutdown, but a later step (Sentry, heap limit, log bridge) failed", { error });
  }
  let stopping: Promise<void> | undefined;
  const shutdown = (): Promise<void> => {
    stopping ??= settleWithin(Promise.all([sdk.shutdown(), stopSentry(config.shutdownTimeoutMs)]), config.shutdownTimeoutMs).then(
      () => undefined,
      (error: unknown) => void logger.warn("telemetry shutdown failed", { error }),
    );
    return stopping;
  };
  return { config, logger, shutdown };
}

export { readTelemetryConfig, type TelemetryConfig } from "./config.ts";
export { instruments, recordOperation, type Outcome } from "./instruments.ts";
export { logger } from "./logging.ts";
export { accessLog } from "./access-log.ts";
export { serverSpanOf } from "./instrumentations.ts";
export { MissingPseudonymKeyError, pseudonymKey } from "./pseudonym.ts";
export { captureError, sentryEnabled } from "./sentry.ts";
export type { SdkExtras } from "./sdk.ts";
