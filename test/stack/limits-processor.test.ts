// Our own collector component, collector/processor/limitsprocessor: its Go unit tests (series caps and
// the overflow series, idle expiry, span events and links) run here, so `npm test` runs them.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { goEnv } from "../../src/stack/provision/go.ts";
import { projectRoot } from "../../src/config/paths.ts";
import { run } from "../../src/stack/provision/run.ts";

test("the limits processor's Go tests pass", { timeout: 600_000 }, async () => {
  const output = await run("go", ["test", "-count=1", "./..."], {
    cwd: join(projectRoot, "collector", "processor", "limitsprocessor"),
    env: goEnv(),
    quiet: true,
  });
  assert.match(output, /^ok\s+\S+limitsprocessor/m);
});
