// docker-compose.yml, alone and with its auth overlay, as `docker compose config` would load it
// (files merged, ${VAR} interpolated from the environment, checked against the Compose
// specification's schema), by compose-spec/compose-go in tools/compose-check: no Docker needed.
// A file with an unknown key, or without a variable it requires (${VAR:?}), must be refused.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { promisify } from "node:util";
import { provisionComposeCheck } from "../../src/stack/provision/go.ts";
import { projectRoot } from "../../src/config/paths.ts";

/** What CI gives docker compose: the two variables the files require, nothing else of the machine's. */
const REQUIRED = { GRAFANA_ADMIN_PASSWORD: "ci-only", OTLP_BEARER_TOKEN: "ci-only-token-0123456789", NOTIFICATIONS_TOKEN: "ci-only-inbox-token-0123456789" };
const base = join(projectRoot, "docker-compose.yml");
const auth = join(projectRoot, "docker-compose.auth.yml");

let binary: string;

async function check(files: string[], env: Record<string, string> = REQUIRED): Promise<{ ok: boolean; output: string }> {
  const args = files.flatMap((file) => ["-f", file]);
  try {
    const { stdout } = await promisify(execFile)(binary, args, { env: { PATH: process.env.PATH, ...env }, cwd: projectRoot });
    return { ok: true, output: stdout };
  } catch (error) {
    return { ok: false, output: String((error as { stderr?: string }).stderr ?? error) };
  }
}

/** A copy of docker-compose.yml in a temp dir, changed by `edit` (bind-mount sources are not required to exist). */
function variant(name: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), "otel-gateway-compose-"));
  const file = join(dir, name);
  const text = readFileSync(base, "utf8");
  const changed = edit(text);
  assert.notEqual(changed, text, `the ${name} edit changed nothing`);
  writeFileSync(file, changed);
  return file;
}

describe("docker-compose files, checked by the Compose specification's loader", () => {
  before(async () => {
    binary = await provisionComposeCheck();
  });

  it("accepts docker-compose.yml, and it with docker-compose.auth.yml", async () => {
    assert.deepEqual(await check([base]), { ok: true, output: "ok\n" });
    assert.deepEqual(await check([base, auth]), { ok: true, output: "ok\n" });
  });

  it("refuses a missing required variable, naming it", async () => {
    const withoutToken = await check([base, auth], { GRAFANA_ADMIN_PASSWORD: "ci-only", NOTIFICATIONS_TOKEN: REQUIRED.NOTIFICATIONS_TOKEN });
    assert.equal(withoutToken.ok, false);
    assert.match(withoutToken.output, /required variable OTLP_BEARER_TOKEN is missing/);
    const withoutPassword = await check([base], {});
    assert.match(withoutPassword.output, /required variable GRAFANA_ADMIN_PASSWORD is missing/);
  });

  it("refuses a required variable added to a temp copy, when it is unset", async () => {
    const file = variant("missing-var.yml", (text) => text.replace(/^services:\n/m, "services:\n  probe:\n    image: busybox:${PROBE_TAG:?set PROBE_TAG}\n"));
    const result = await check([file]);
    assert.equal(result.ok, false);
    assert.match(result.output, /required variable PROBE_TAG is missing a value: set PROBE_TAG/);
    assert.equal((await check([file], { ...REQUIRED, PROBE_TAG: "1" })).ok, true, "the same file passes once the variable is set");
  });

  it("refuses an unknown key, naming where it is", async () => {
    const file = variant("unknown-key.yml", (text) => text.replace(/^services:\n/m, "services:\n  probe:\n    image: busybox\n    restart_policy: always\n"));
    const result = await check([file]);
    assert.equal(result.ok, false);
    assert.match(result.output, /services\.probe.*restart_policy|restart_policy.*not allowed/);
  });
});
