// `npm run trace` as a user runs it: with no running stack, or with one whose backends are down, it
// says so in one line and exits 1, with no stack trace.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { promisify } from "node:util";
import { downEndpoints } from "../support/endpoints.ts";
import { spansOf, startStandIn } from "../support/stand-in-backends.ts";

const cli = new URL("../../src/trace/index.ts", import.meta.url).pathname;

async function trace(id: string, endpointsFile: string) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, id], { env: { ...process.env, ENDPOINTS_FILE: endpointsFile } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

const trace_ = trace;
const oneLine = (text: string) => text.trimEnd().split("\n").length === 1 && !/^\s+at /m.test(text);

describe("npm run trace", () => {
  it("says there is no running stack, in one line, and exits 1", async () => {
    const result = await trace("req-123", join(mkdtempSync(join(tmpdir(), "trace-")), "endpoints.json"));
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^No running stack found \(.*endpoints\.json\): start one with `npm start`\n$/);
    assert.ok(oneLine(result.stderr), result.stderr);
  });

  it("names the sources that did not answer, in one line, and exits 1", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "trace-")), "endpoints.json");
    writeFileSync(file, JSON.stringify(await downEndpoints()));
    const result = await trace("req-123", file);
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /^No trace found, and not every source answered: jaeger: GET http:\/\/127\.0\.0\.1:\d+\/api\/traces: ECONNREFUSED; elasticsearch: .*ECONNREFUSED\n$/,
    );
    assert.ok(oneLine(result.stderr), result.stderr);
  });
});

describe("npm run trace on telemetry that carries terminal escapes", () => {
  it("prints no control character but its own newlines, from spans, logs and failures alike", async () => {
    const trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    const spans = spansOf("siblings", 3);
    spans[1]!.operationName = "GET \x1b]8;;http://evil.example\x07click\x1b]8;;\x07 \x1b[2J\x9b2J\x00";
    const standIn = await startStandIn({ traces: { [trace]: spans }, issues: 0, logBody: "log \x1b[31mred\x1b[0m\r\x08over\x85" });
    try {
      const file = join(mkdtempSync(join(tmpdir(), "trace-")), "endpoints.json");
      writeFileSync(file, JSON.stringify(standIn.endpoints));
      const result = await trace_(trace, file);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /GET .*click/);
      assert.match(result.stdout, /log .*red/);
      const controls = [...(result.stdout + result.stderr)].filter((char) => char !== "\n" && /\p{Cc}/u.test(char));
      assert.deepEqual(
        controls.map((char) => char.codePointAt(0)!.toString(16)),
        [],
      );
    } finally {
      await standIn.close();
    }
  });

  it("shows a 20,000-deep chain of spans, at most the cap, and says how many it left out", async () => {
    const trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    const standIn = await startStandIn({ traces: { [trace]: spansOf("chain", 20_000) }, issues: 0 });
    try {
      const file = join(mkdtempSync(join(tmpdir(), "trace-")), "endpoints.json");
      writeFileSync(file, JSON.stringify(standIn.endpoints));
      const result = await trace_(trace, file);
      assert.equal(result.code, 0, result.stderr.slice(0, 500));
      assert.match(result.stdout, /more spans are not shown/);
    } finally {
      await standIn.close();
    }
  });
});
