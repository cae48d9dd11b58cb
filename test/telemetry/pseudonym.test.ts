// The pseudonym key: no public default, production refuses to start without one, npm start keeps
// one random key per stack in .stack/ and reuses it.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { SERVICES, serviceArgs, serviceEnv } from "../../src/services/catalog.ts";
import { stackPseudonymKey } from "../../src/telemetry/pseudonym-key.ts";
import { MissingPseudonymKeyError, pseudonymousUserId } from "../../src/telemetry/pseudonym.ts";

describe("the pseudonym key", () => {
  it("keys the user id with PSEUDONYM_KEY", () => {
    const expected = createHmac("sha256", "k3y").update("user-42").digest("hex").slice(0, 16);
    assert.equal(pseudonymousUserId("user-42", { PSEUDONYM_KEY: "k3y" }), expected);
  });

  it("without a key outside production, uses a random per-process key, never the old public default", () => {
    const withOldDefault = createHmac("sha256", "otel-gateway").update("203.0.113.7").digest("hex").slice(0, 16);
    const id = pseudonymousUserId("203.0.113.7", {});
    assert.notEqual(id, withOldDefault);
    assert.equal(pseudonymousUserId("203.0.113.7", {}), id, "stable within the process");
  });

  it("throws under NODE_ENV=production without a key", () => {
    assert.throws(() => pseudonymousUserId("user-42", { NODE_ENV: "production" }), MissingPseudonymKeyError);
  });

  it("makes a service refuse to start under NODE_ENV=production without PSEUDONYM_KEY, saying why", () => {
    const spec = SERVICES["cv-parser"];
    const env = { ...serviceEnv(spec, { ...process.env, NODE_ENV: "production" }) };
    delete env.PSEUDONYM_KEY;
    const result = spawnSync(process.execPath, serviceArgs(spec), { env, encoding: "utf8", timeout: 30_000 });
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /cv-parser refuses to start: PSEUDONYM_KEY is not set/);
  });

  it("keeps one random key per stack directory, readable by its owner only, and reuses it", () => {
    const stackDir = mkdtempSync(join(tmpdir(), "stack-"));
    const key = stackPseudonymKey(stackDir, {});
    assert.match(key, /^[0-9a-f]{64}$/);
    assert.equal(stackPseudonymKey(stackDir, {}), key, "the same stack restarted keeps its key");
    assert.equal(statSync(join(stackDir, "pseudonym-key")).mode & 0o777, 0o600);
    assert.equal(readFileSync(join(stackDir, "pseudonym-key"), "utf8").trim(), key);
    assert.notEqual(stackPseudonymKey(mkdtempSync(join(tmpdir(), "stack-")), {}), key, "another stack, another key");
    assert.equal(stackPseudonymKey(stackDir, { PSEUDONYM_KEY: "given" }), "given");
  });
});
