// `npm run trace` as a user runs it: with no running stack, or with one whose backends are down, it
// says so in one line and exits 1, with no stack trace.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { promisify } from "node:util";
import { freePort } from "../support/ports.ts";

const cli = new URL("../../src/lookup/index.ts", import.meta.url).pathname;

async function trace(id: string, endpointsFile: string) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, id], { env: { ...process.env, ENDPOINTS_FILE: endpointsFile } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

const oneLine = (text: string) => text.trimEnd().split("\n").length === 1 && !/^\s+at /m.test(text);

describe("npm run trace", () => {
  it("says there is no running stack, in one line, and exits 1", async () => {
    const result = await trace("req-123", join(mkdtempSync(join(tmpdir(), "trace-")), "endpoints.json"));
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^No running stack found \(.*endpoints\.json\): start one with `npm start`\n$/);
    assert.ok(oneLine(result.stderr), result.stderr);
  });

  it("names the sources that did not answer, in one line, and exits 1", async () => {
    const down = `http://127.0.0.1:${await freePort()}`;
    const file = join(mkdtempSync(join(tmpdir(), "trace-")), "endpoints.json");
    writeFileSync(
      file,
      JSON.stringify({
        matchingApi: down,
        cvParser: down,
        jobParser: down,
        collector: down,
        jaeger: down,
        prometheus: down,
        alertmanager: down,
        elasticsearch: down,
      }),
    );
    const result = await trace("req-123", file);
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /^No trace found, and not every source answered: jaeger: GET http:\/\/127\.0\.0\.1:\d+\/api\/traces: ECONNREFUSED; elasticsearch: .*ECONNREFUSED\n$/,
    );
    assert.ok(oneLine(result.stderr), result.stderr);
  });
});
