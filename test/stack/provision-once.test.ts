// Two processes provisioning the same part at once (two checkouts, `npm start` beside `npm test`): one
// builds, the other waits and finds it ready; a lock left by a killed build is taken over.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";

const cache = mkdtempSync(join(tmpdir(), "provision-once-"));
after(() => rmSync(cache, { recursive: true, force: true }));

/** A process that provisions "part": the build appends its pid to builds.log, takes 1 s, then marks it ready. */
function provision(): Promise<{ code: number | null; stderr: string }> {
  const script = `
    import { appendFileSync, existsSync, writeFileSync } from "node:fs";
    import { setTimeout as sleep } from "node:timers/promises";
    import { buildOnce } from "./src/stack/provision/once.ts";
    const dir = process.env.OTEL_GATEWAY_CACHE;
    await buildOnce("part", "building part", () => existsSync(dir + "/ready"), async () => {
      appendFileSync(dir + "/builds.log", process.pid + "\\n");
      await sleep(1000);
      writeFileSync(dir + "/ready", "");
    });`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { env: { ...process.env, OTEL_GATEWAY_CACHE: cache } });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("provisioning, once on the machine", () => {
  it("builds a part once when two processes ask for it at the same time", async () => {
    const [first, second] = await Promise.all([provision(), provision()]);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(readFileSync(join(cache, "builds.log"), "utf8").trim().split("\n").length, 1, "one build");
    assert.match(first.stderr + second.stderr, /\[provision\] part: waiting for process \d+, which is building part/);
  });

  it("takes over the lock of a build that died", async () => {
    rmSync(join(cache, "ready"));
    rmSync(join(cache, "builds.log"));
    mkdirSync(join(cache, "locks"), { recursive: true });
    // A pid above the kernel's pid_max default: no live process has it.
    writeFileSync(join(cache, "locks", "part.lock"), "4194305\n");
    const { code, stderr } = await provision();
    assert.equal(code, 0, stderr);
    assert.equal(readFileSync(join(cache, "builds.log"), "utf8").trim().split("\n").length, 1);
  });
});
