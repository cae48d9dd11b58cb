// `npm run test:unit` and `npm run test:stack`, both in `npm test`. The stack suite holds every file
// that starts a real backend (collector, OpenSearch, Alertmanager, the whole stack); the unit suite is
// everything else: pure functions, in-process servers and the services as real processes on free
// ports, configs checked by their own tools. One file at a time in each: the stack files share fixed
// ports, and the unit files' real processes share two cores on CI.
import { spawnSync } from "node:child_process";
import { globSync } from "node:fs";

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

const suite = process.argv[2];
if (suite !== "unit" && suite !== "stack") {
  process.stderr.write("usage: node test/suites.ts unit|stack\n");
  process.exit(2);
}
const stack = new Set(STACK.flatMap((pattern) => globSync(pattern)));
const files = globSync("test/**/*.test.ts")
  .filter((file) => stack.has(file) === (suite === "stack"))
  .sort();
const { status } = spawnSync(process.execPath, ["--test", "--test-concurrency=1", "--test-reporter=spec", ...files], { stdio: "inherit" });
process.exit(status ?? 1);
