// `npm start`: provision if needed, start every part, print where everything runs, and on
// Ctrl-C stop every process it started.
import { stackMemoryMiB, startStack } from "./stack.ts";
import { StartError } from "./supervisor.ts";
import { endpointsFile } from "./endpoints.ts";

const started = performance.now();
let stack;
try {
  stack = await startStack({ loadgen: process.env.LOADGEN !== "off" });
} catch (error) {
  process.stderr.write(`\n${error instanceof StartError ? error.message : String(error)}\n`);
  process.exit(1);
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const memory = stackMemoryMiB(stack.running);
const rows = stack.running.map(({ component, startedInMs }) => [component.name, component.url, `${(startedInMs / 1000).toFixed(1)}s`, `${memory[component.name] ?? "?"} MiB`]);
const widths = [0, 1, 2, 3].map((i) => Math.max(...[["component", "url", "ready in", "memory"], ...rows].map((row) => row[i]!.length)));
const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i]!)).join("  ");
console.log(`\n${line(["component", "url", "ready in", "memory"])}\n${line(widths.map((w) => "-".repeat(w)))}`);
for (const row of rows) console.log(line(row));
console.log(`\nAll healthy in ${seconds}s; total memory ${Object.values(memory).reduce((a, b) => a + b, 0)} MiB.`);
if (stack.endpoints.console) console.log(`Monitoring console: ${stack.endpoints.console}  (overview, find a request by its id, logs, metrics)`);
if (stack.endpoints.sentry) console.log(`Bugsink (Sentry protocol): ${stack.endpoints.sentry.url}  (admin password in .stack/bugsink/admin-password)`);
if (stack.endpoints.notifications) console.log(`Alert notifications inbox: ${stack.endpoints.notifications.url}  (runbooks: ${stack.endpoints.notifications.url}/runbooks)`);
console.log(`Endpoints: ${endpointsFile}. Logs: .stack/logs/. Ctrl-C stops everything.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log("\nstopping…");
  await stack.stop();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
