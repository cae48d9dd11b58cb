// `npm run services`: the three services as child processes, sharing one fault-flag file.
// Ctrl-C (or SIGTERM) stops them all cleanly, a second one at once; if one dies, the others are stopped too.
import { join } from "node:path";
import { stackPseudonymKey } from "../telemetry/pseudonym-key.ts";
import { onStopSignal } from "../lifecycle/signals.ts";
import { signalGroup, spawnProcess, stopGroup } from "../lifecycle/spawn.ts";
import { SERVICES, portOf, metricsPortOf, serviceArgs, serviceEnv } from "./catalog.ts";

const root = new URL("../../", import.meta.url).pathname;
const flagsFile = process.env.FLAGS_FILE ?? join(root, ".stack", "flags.json");
// One key for the three, so a caller has the same pseudonym in every service.
const pseudonymKey = stackPseudonymKey(join(root, ".stack"));

const children = Object.values(SERVICES).map((spec) =>
  spawnProcess(process.execPath, serviceArgs(spec), { env: { ...serviceEnv(spec), FLAGS_FILE: flagsFile, PSEUDONYM_KEY: pseudonymKey }, output: "inherit" }),
);

for (const spec of Object.values(SERVICES)) {
  process.stderr.write(`${spec.name.padEnd(13)} http://127.0.0.1:${portOf(spec)}  metrics http://127.0.0.1:${metricsPortOf(spec)}/metrics\n`);
}

const { stopNow } = onStopSignal(() => Promise.all(children.map((child) => stopGroup(child, { graceMs: 10_000 }))).then(() => undefined), {
  force: () => children.forEach((child) => signalGroup(child, "SIGKILL")),
});

for (const child of children) {
  child.once("exit", (code, signal) => {
    process.stderr.write(`a service exited (code ${code}, signal ${signal}); stopping the others\n`);
    void stopNow(1);
  });
}
