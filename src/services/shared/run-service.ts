// Boots one service: telemetry first, then (and only then) the app module, so express and
// friends load after their instrumentation. SIGTERM/SIGINT drain the server and flush telemetry.
import type { Server } from "node:http";
import type { Express } from "express";
import { onStopSignal } from "../../lifecycle/signals.ts";
import { envString } from "../../config/index.ts";
import { startTelemetry } from "../../telemetry/index.ts";
import { MissingPseudonymKeyError, pseudonymKey } from "../../telemetry/index.ts";
import { portOf, type ServiceSpec } from "../catalog.ts";
import { weakToken } from "../../http/guard.ts";

type AppFactory = () => Express;

/** How long in-flight requests get to finish once a stop signal arrives. */
const DRAIN_MS = 5_000;

/** Secrets a production service must be given, checked before anything starts. */
function refuseWithoutSecrets(name: string): void {
  const weak = weakToken("ADMIN_TOKEN", process.env.ADMIN_TOKEN || undefined);
  if (weak) {
    process.stderr.write(`${name} refuses to start: ${weak}\n`);
    process.exit(1);
  }
  try {
    pseudonymKey();
  } catch (error) {
    if (!(error instanceof MissingPseudonymKeyError)) throw error;
    process.stderr.write(`${name} refuses to start: ${error.message}\n`);
    process.exit(1);
  }
}

export async function runService(spec: ServiceSpec, loadApp: () => Promise<{ createApp: AppFactory }>): Promise<Server> {
  refuseWithoutSecrets(spec.name);
  const telemetry = await startTelemetry({ serviceName: spec.name, metricsPort: spec.metricsPort });
  const { logger } = telemetry;
  const { createApp } = await loadApp();
  const host = envString("HOST", "127.0.0.1");
  const port = portOf(spec);
  const server = createApp().listen(port, host);
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  }).catch(async (error: unknown) => {
    logger.error(`${spec.name} could not listen on ${host}:${port}`, { error });
    await telemetry.shutdown();
    process.exit(1);
  });
  logger.info(`${spec.name} listening`, { url: `http://${host}:${port}`, metricsPort: telemetry.config.metricsPort });

  // Stop once; a second signal exits at once.
  onStopSignal(async (signal) => {
    logger.info(`${spec.name} stopping`, { signal });
    const drained = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const forced = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
    await drained;
    clearTimeout(forced);
    await telemetry.shutdown();
  });
  return server;
}
