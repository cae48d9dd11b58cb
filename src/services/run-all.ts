// `npm run services`: the three services as child processes, sharing one fault-flag file.
// Ctrl-C (or SIGTERM) stops them all cleanly, a second one at once; if one dies, the others are stopped too.
import { flagsFile as stackFlagsFile, stateDir } from "../config/paths.ts";
import { stackPort } from "../config/ports.ts";
import { stackPseudonymKey } from "../telemetry/pseudonym-key.ts";
import { onStopSignal } from "../lifecycle/signals.ts";
import { signalGroup, spawnProcess, stopGroup } from "../lifecycle/spawn.ts";
import { SERVICES, portOf, metricsPortOf, serviceArgs, serviceEnv } from "./catalog.ts";

const flagsFile = process.env.FLAGS_FILE ?? stackFlagsFile();
// One key for the three, so a caller has the same pseudonym in every service.
const pseudonymKey = stackPseudonymKey(stateDir());

// The collector of the stack with the same STACK_PORT_OFFSET, unless set outright.
const otlpEndpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT ?? `http://127.0.0.1:${stackPort("COLLECTOR_OTLP_HTTP_PORT", 4318)}`;

const children = Object.values(SERVICES).map((spec) =>
  spawnProcess(process.execPath, serviceArgs(spec), {
    env: { ...serviceEnv(spec), OTEL_EXPORTER_OTLP_ENDPOINT: otlpEndpoint, FLAGS_FILE: flagsFile, PSEUDONYM_KEY: pseudonymKey },
    output: "inherit",
  }),
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
