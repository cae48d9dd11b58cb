// `npm run test:unit` and `npm run test:stack`, both in `npm test`. The stack suite holds every file
// that starts a real backend (collector, OpenSearch, Alertmanager, the whole stack); the unit suite is
// everything else: pure functions, in-process servers and the services as real processes on free
// ports, configs checked by their own tools. The unit files run one at a time (their real processes
// share two cores on CI). The stack files run STACK_TEST_CONCURRENCY at a time (default 2), each on a
// port offset and state dir of its own (test/support/stack.ts), so also beside an `npm start`; each
// file's output is printed whole when it ends, so two files' lines never interleave.
import { spawn, spawnSync } from "node:child_process";
import { globSync } from "node:fs";
import { envNumber } from "../src/config/env.ts";
import { provisionTelemetrygen } from "../src/stack/provision/go.ts";
import { provisionAll } from "../src/stack/provision.ts";
import { claimStackSlot } from "./support/stack.ts";

const STACK = [
  "test/e2e/**/*.test.ts",
  "test/bench/smoke.test.ts",
  "test/bench/soak.test.ts",
  "test/stack/redaction-config.test.ts",
  "test/stack/redaction-cases.test.ts",
  "test/stack/store-mapping.test.ts",
  "test/alerting/alertmanager.test.ts",
  "test/stack/retention.test.ts",
  "test/stack/size-cap.test.ts",
  "test/stack/overload.test.ts",
  "test/stack/client-limits.test.ts",
  "test/stack/item-limits.test.ts",
];

/** Stack files that run with no other beside them, after the rest: what they check depends on time or CPU
 * (Ctrl-C 1 s after launch must find npm start's handler set; the bench times its own parts). */
const ALONE = new Set(["test/e2e/start-stop.test.ts", "test/bench/smoke.test.ts"]);

// `node test/suites.ts stack test/e2e/stack.test.ts …`: only those files of the suite.
const [suite, ...only] = process.argv.slice(2);
if (suite !== "unit" && suite !== "stack") {
  process.stderr.write("usage: node test/suites.ts unit|stack [file…]\n");
  process.exit(2);
}
const stack = new Set(STACK.flatMap((pattern) => globSync(pattern)));
const files = globSync("test/**/*.test.ts")
  .filter((file) => stack.has(file) === (suite === "stack"))
  .filter((file) => !only.length || only.includes(file))
  .sort();
const testArgs = ["--test", "--test-concurrency=1", "--test-reporter=spec"];

if (suite === "unit") {
  const { status } = spawnSync(process.execPath, [...testArgs, ...files], { stdio: "inherit" });
  process.exit(status ?? 1);
}

/** One stack file on a slot of its own; resolves with its exit code once its output is printed. */
async function runStackFile(file: string): Promise<number> {
  const slot = await claimStackSlot();
  const started = performance.now();
  process.stdout.write(`▶ ${file} (STACK_PORT_OFFSET=${slot.offset})\n`);
  const child = spawn(process.execPath, [...testArgs, file], { env: { ...process.env, ...slot.env }, stdio: ["ignore", "pipe", "pipe"] });
  const output: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => output.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => output.push(chunk));
  const code = await new Promise<number>((resolve) => child.once("close", (status) => resolve(status ?? 1)));
  slot.release();
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  process.stdout.write(`${Buffer.concat(output).toString()}${code ? "✖" : "✔"} ${file} in ${seconds}s\n\n`);
  return code;
}

// Built once, before any file starts: two files building the same binary into the cache at once would race.
await provisionAll();
await provisionTelemetrygen();

// Two by default: what this 2-core machine (and CI's) holds; STACK_TEST_CONCURRENCY=1 runs them one by one.
const concurrency = envNumber("STACK_TEST_CONCURRENCY", 2, { min: 1, max: 8, integer: true });
const queue = files.filter((file) => !ALONE.has(file));
const failed: string[] = [];
const started = performance.now();
await Promise.all(
  Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
    for (let file = queue.shift(); file; file = queue.shift()) if (await runStackFile(file)) failed.push(file);
  }),
);
for (const file of files.filter((file) => ALONE.has(file))) {
  process.stdout.write(`(alone: ${file} measures time or CPU)\n`);
  if (await runStackFile(file)) failed.push(file);
}
const minutes = ((performance.now() - started) / 60_000).toFixed(1);
process.stdout.write(
  `${files.length - failed.length}/${files.length} stack files passed in ${minutes} min (${concurrency} at a time)${failed.length ? `; failed: ${failed.join(", ")}` : ""}\n`,
);
process.exit(failed.length ? 1 : 0);
