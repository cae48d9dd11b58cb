// `npm test` (`node test/suites.ts all`), `npm run test:unit` and `npm run test:stack`. The stack suite
// holds every file that starts a real backend (collector, OpenSearch, Alertmanager, the whole stack); the
// unit suite is everything else: pure functions, in-process servers and the services as real processes on
// free ports, configs checked by their own tools. The unit files run one at a time (their real processes
// share two cores on CI). The stack files run STACK_TEST_CONCURRENCY at a time (default 3), each on a
// port offset and state dir of its own (test/support/stack.ts), so also beside an `npm start`, the
// longest first. `all` runs the checks (type-check, lint, the unit suite) as one more lane beside them:
// the stack files mostly wait (alert windows, faults, flushes), so the checks' CPU fits in between.
// The checks run at a lower CPU priority: on a cold machine the stack lane first builds the collector
// and Jaeger (about 20 minutes on two cores), the path everything else waits on, and the unit suite's
// own Go builds (helm, Sloth) took CPU from it.
// Each step's output is printed whole when it ends, so two steps' lines never interleave.
import { spawn, spawnSync } from "node:child_process";
import { setPriority } from "node:os";
import { globSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { envNumber } from "../src/config/env.ts";
import { testDurationsFile } from "../src/config/paths.ts";
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

// `node test/suites.ts stack test/e2e/stack.test.ts …`: only those files of the suite.
const [suite, ...only] = process.argv.slice(2);
if (suite !== "unit" && suite !== "stack" && suite !== "all") {
  process.stderr.write("usage: node test/suites.ts all|unit|stack [file…]\n");
  process.exit(2);
}
const stackFiles = new Set(STACK.flatMap((pattern) => globSync(pattern)));
const filesOf = (stack: boolean) =>
  globSync("test/**/*.test.ts")
    .filter((file) => stackFiles.has(file) === stack)
    .filter((file) => !only.length || only.includes(file))
    .sort();
const testArgs = ["--test", "--test-concurrency=1", "--test-reporter=spec"];
const bin = (name: string) => join("node_modules", ".bin", name);

interface Step {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  /** A nice value for the step and whatever it starts. */
  nice?: number;
}

/** Runs one step with its output held; prints it whole, then a ✔/✖ line, and resolves with the exit code. */
async function run({ name, command, args, env, nice }: Step): Promise<number> {
  const started = performance.now();
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  if (nice !== undefined && child.pid !== undefined) setPriority(child.pid, nice);
  const output: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => output.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => output.push(chunk));
  const code = await new Promise<number>((resolve) => {
    child.once("error", (error) => {
      output.push(Buffer.from(`${error.message}\n`));
      resolve(1);
    });
    child.once("close", (status) => resolve(status ?? 1));
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  process.stdout.write(`${Buffer.concat(output).toString()}${code ? "✖" : "✔"} ${name} in ${seconds}s\n\n`);
  return code;
}

/** Type-check, lint, then the unit suite, one after the other, at `nice`; the names of those that failed. */
async function checks(nice?: number): Promise<string[]> {
  const failed: string[] = [];
  const steps: Step[] = [
    { name: "typecheck", command: bin("tsc"), args: ["--noEmit"] },
    { name: "eslint", command: bin("eslint"), args: ["."] },
    { name: "prettier", command: bin("prettier"), args: ["--check", "."] },
    { name: "unit suite", command: process.execPath, args: [...testArgs, ...filesOf(false)] },
  ];
  for (const step of steps) if (await run({ ...step, nice })) failed.push(step.name);
  return failed;
}

// Each stack file's last duration: the next run starts the longest first, so no long file starts last.
const durationsFile = testDurationsFile();
const readDurations = (): Record<string, number> => {
  try {
    return JSON.parse(readFileSync(durationsFile, "utf8")) as Record<string, number>;
  } catch {
    return {};
  }
};
// Without a record (a fresh clone): the end-to-end files, which hold the long waits, before the rest.
const guess = (file: string) => (file.startsWith("test/e2e/") ? 300 : file.startsWith("test/bench/") ? 150 : 30);

/** The stack files, STACK_TEST_CONCURRENCY at a time; the names of those that failed. */
async function stackSuite(): Promise<string[]> {
  // Built once, before any file starts: two files building the same binary into the cache at once would race.
  await provisionAll();
  await provisionTelemetrygen();
  const concurrency = envNumber("STACK_TEST_CONCURRENCY", 3, { min: 1, max: 8, integer: true });
  const durations = readDurations();
  const queue = filesOf(true).sort((a, b) => (durations[b] ?? guess(b)) - (durations[a] ?? guess(a)));
  const total = queue.length;
  const failed: string[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let file = queue.shift(); file; file = queue.shift()) {
        const slot = await claimStackSlot();
        const fileStarted = performance.now();
        process.stdout.write(`▶ ${file} (STACK_PORT_OFFSET=${slot.offset})\n`);
        const code = await run({ name: file, command: process.execPath, args: [...testArgs, file], env: slot.env }).finally(() => slot.release());
        if (code) failed.push(file);
        durations[file] = Math.round((performance.now() - fileStarted) / 1000);
      }
    }),
  );
  writeFileSync(durationsFile, `${JSON.stringify(durations, null, 2)}\n`);
  const minutes = ((performance.now() - started) / 60_000).toFixed(1);
  process.stdout.write(
    `${total - failed.length}/${total} stack files passed in ${minutes} min (${concurrency} at a time)${failed.length ? `; failed: ${failed.join(", ")}` : ""}\n`,
  );
  return failed;
}

const started = performance.now();
let failed: string[];
if (suite === "unit") {
  // Alone, the unit suite's lines stream as they come.
  const { status } = spawnSync(process.execPath, [...testArgs, ...filesOf(false)], { stdio: "inherit" });
  failed = status === 0 ? [] : ["unit suite"];
} else if (suite === "stack") failed = await stackSuite();
else {
  const [checksFailed, stackFailed] = await Promise.all([checks(10), stackSuite()]);
  failed = [...checksFailed, ...stackFailed];
  const minutes = ((performance.now() - started) / 60_000).toFixed(1);
  process.stdout.write(`npm test: ${failed.length ? `failed: ${failed.join(", ")}` : "every check and suite passed"} in ${minutes} min\n`);
}
process.exit(failed.length ? 1 : 0);
