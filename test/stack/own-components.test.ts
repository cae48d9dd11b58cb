// Our own collector components, built into the distribution from their folders: their Go unit tests run
// here, so `npm test` runs them. The limits processor (series caps and the overflow series, idle expiry,
// span events and links) and the JSON depth limit (the middleware in front of the OTLP/HTTP receiver).
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { goEnv } from "../../src/stack/provision/go.ts";
import { projectRoot, run } from "../../src/stack/provision/util.ts";

for (const component of ["processor/limitsprocessor", "extension/jsonlimitextension"]) {
  test(`${component}: its Go tests pass`, { timeout: 600_000 }, async () => {
    const output = await run("go", ["test", "-count=1", "./..."], { cwd: join(projectRoot, "collector", component), env: goEnv(), quiet: true });
    assert.match(output, new RegExp(`^ok\\s+\\S+${component.split("/")[1]}`, "m"));
  });
}
