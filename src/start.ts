// `npm start`: provision if needed, start every part, print where everything runs, and on
// Ctrl-C (also during start-up) stop every process it started; a second Ctrl-C kills them at once.
// Above every folder of src/: it hands the stack's launcher the alerting layer's receivers, so
// neither of the two imports the other upward.
import { PidFiles } from "./lifecycle/pid-files.ts";
import { endpointsFile, logDir, pidDir, statePath } from "./config/paths.ts";
import { onStopSignal } from "./lifecycle/signals.ts";
import type { RunningStack } from "./stack/stack.ts";

const started = performance.now();
const startup = new AbortController();
let stack: RunningStack | undefined;
// Set once the stack's modules are loaded (below); a stop before that has nothing to wait for.
let starting: Promise<RunningStack> | undefined = undefined;
// Wired before anything starts: a stop during start-up stops what is up and abandons the rest.
onStopSignal(
  async () => {
    console.log(stack ? "\nstopping…" : "\nstopping during start-up…");
    startup.abort();
    await (stack?.stop() ??
      starting?.then(
        (s) => s.stop(),
        () => undefined,
      ));
  },
  {
    // A closed terminal (SIGHUP) stops the stack too; our output may then have nowhere to go.
    signals: ["SIGINT", "SIGTERM", "SIGHUP"],
    force: () => new PidFiles(pidDir()).killAll(),
    onSignal: (_signal, forced) => forced && console.log("forced: killing every part now"),
  },
);
for (const stream of [process.stdout, process.stderr]) stream.on("error", () => undefined);
// A part that dies is restarted by the supervisor; each death and return is a line here.
const onEvent = (message: string) => console.log(`${new Date().toISOString().slice(11, 19)}  ${message}`);
// The stack's modules load only now, with the handler above set: loading them takes a second or more on
// a busy machine, and a Ctrl-C meanwhile must stop cleanly too, not kill the process half-way.
const { stackMemoryMiB, startStack } = await import("./stack/stack.ts");
const { StartError } = await import("./stack/supervisor.ts");
const { budgetLine, capOfComponent } = await import("./stack/disk-caps.ts");
const { alertingSetup } = await import("./alerting/alertmanager-config.ts");
starting = startStack({ loadgen: process.env.LOADGEN !== "off", alerting: alertingSetup(process.env), onEvent, signal: startup.signal });
try {
  stack = await starting;
} catch (error) {
  // Aborted: the signal handler is stopping and exits when done.
  if (startup.signal.aborted) await new Promise(() => {});
  process.stderr.write(`\n${error instanceof StartError ? error.message : String(error)}\n`);
  process.exit(1);
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const memory = stackMemoryMiB(stack.running);
const rows = stack.running.map(({ component, startedInMs }) => [
  component.name,
  component.url,
  `${(startedInMs / 1000).toFixed(1)}s`,
  `${memory[component.name] ?? "?"} MiB`,
  capOfComponent(component.name),
]);
const header = ["component", "url", "ready in", "memory", "disk cap"];
const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i]!.length)));
const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i]!)).join("  ");
console.log(`\n${line(header)}\n${line(widths.map((w) => "-".repeat(w)))}`);
for (const row of rows) console.log(line(row));
console.log(`\nAll healthy in ${seconds}s; total memory ${Object.values(memory).reduce((a, b) => a + b, 0)} MiB.`);
console.log(budgetLine());
if (stack.endpoints.console) console.log(`Monitoring console: ${stack.endpoints.console}  (overview, find a request by its id, logs, metrics)`);
if (stack.endpoints.sentry)
  console.log(`Bugsink (Sentry protocol): ${stack.endpoints.sentry.url}  (admin password in ${statePath("bugsink", "admin-password")})`);
if (stack.endpoints.notifications)
  console.log(`Alert notifications inbox: ${stack.endpoints.notifications.url}  (runbooks: ${stack.endpoints.notifications.url}/runbooks)`);
console.log(`Endpoints: ${endpointsFile()}. Logs: ${logDir()}/. A part that dies is restarted (with backoff). Ctrl-C stops everything.`);
