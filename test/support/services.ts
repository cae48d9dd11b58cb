// Starts the three real service processes on free loopback ports, for tests.
import type { ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SERVICES, serviceArgs, serviceEnv, type ServiceName } from "../../src/services/catalog.ts";
import { pollUntil } from "../../src/lifecycle/poll.ts";
import { spawnProcess, stopGroup } from "../../src/lifecycle/spawn.ts";
import { freePort } from "./ports.ts";

export interface RunningService {
  name: ServiceName;
  url: string;
  metricsUrl: string;
  process: ChildProcess;
  /** Everything the process printed on stdout (its JSON log lines). */
  stdout: () => string;
}

export interface RunningServices {
  services: Record<ServiceName, RunningService>;
  stop(): Promise<void>;
}

export async function startServices(extraEnv: Record<string, string> = {}): Promise<RunningServices> {
  const env: NodeJS.ProcessEnv = { ...process.env, FLAGS_FILE: join(mkdtempSync(join(tmpdir(), "flags-")), "flags.json"), ...extraEnv };
  for (const spec of Object.values(SERVICES)) {
    env[spec.portEnv] = String(await freePort());
    env[spec.metricsPortEnv] = String(await freePort());
  }
  const services = {} as Record<ServiceName, RunningService>;
  for (const spec of Object.values(SERVICES)) {
    let output = "";
    const child = spawnProcess(process.execPath, serviceArgs(spec), { env: serviceEnv(spec, env) });
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    services[spec.name] = {
      name: spec.name,
      url: `http://127.0.0.1:${env[spec.portEnv]}`,
      metricsUrl: `http://127.0.0.1:${env[spec.metricsPortEnv]}/metrics`,
      process: child,
      stdout: () => output,
    };
  }
  const stop = async () => {
    await Promise.all(Object.values(services).map((service) => stopGroup(service.process)));
  };
  try {
    for (const service of Object.values(services)) {
      await pollUntil(async () => (await fetch(`${service.url}/health`)).ok, `${service.name} to answer /health`, { timeoutMs: 20_000 });
    }
  } catch (error) {
    await stop();
    const logs = Object.values(services)
      .map((service) => `--- ${service.name}\n${service.stdout().slice(-2000)}`)
      .join("\n");
    throw new Error(`${(error as Error).message}\n${logs}`, { cause: error });
  }
  return { services, stop };
}
