// `npm run services`: the three services as child processes, sharing one fault-flag file.
// Ctrl-C (or SIGTERM) stops them all cleanly; if one dies, the others are stopped too.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { stackPseudonymKey } from "../stack/pseudonym-key.ts";
import { SERVICES, portOf, metricsPortOf, serviceArgs, serviceEnv } from "./catalog.ts";

const root = new URL("../../", import.meta.url).pathname;
const flagsFile = process.env.FLAGS_FILE ?? join(root, ".stack", "flags.json");
// One key for the three, so a caller has the same pseudonym in every service.
const pseudonymKey = stackPseudonymKey(join(root, ".stack"));

const children: ChildProcess[] = Object.values(SERVICES).map((spec) =>
  spawn(process.execPath, serviceArgs(spec), {
    env: { ...serviceEnv(spec), FLAGS_FILE: flagsFile, PSEUDONYM_KEY: pseudonymKey },
    stdio: ["ignore", "inherit", "inherit"],
  }),
);

for (const spec of Object.values(SERVICES)) {
  process.stderr.write(`${spec.name.padEnd(13)} http://127.0.0.1:${portOf(spec)}  metrics http://127.0.0.1:${metricsPortOf(spec)}/metrics\n`);
}

let stopping = false;
function stopAll(signal: NodeJS.Signals, exitCode: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill(signal);
  const deadline = setTimeout(() => {
    for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  }, 10_000);
  void Promise.all(children.map((child) => (child.exitCode !== null ? null : new Promise((resolve) => child.once("exit", resolve))))).then(() => {
    clearTimeout(deadline);
    process.exit(exitCode);
  });
}

for (const child of children) {
  child.once("exit", (code, signal) => {
    if (stopping) return;
    process.stderr.write(`a service exited (code ${code}, signal ${signal}); stopping the others\n`);
    stopAll("SIGTERM", 1);
  });
}
process.once("SIGINT", () => stopAll("SIGTERM", 0));
process.once("SIGTERM", () => stopAll("SIGTERM", 0));
