// Size-based rotation of a log a real process writes straight into: past the size, the file is
// copied to .1 (older copies shift, the oldest beyond `keep` goes) and truncated; the writer carries
// on from the new start of the file (its descriptor is O_APPEND), leaving no hole of zero bytes.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { rotateIfLarge } from "../../src/lifecycle/log-rotation.ts";
import { pollUntil } from "../../src/lifecycle/poll.ts";
import { spawnProcess, stopGroup } from "../../src/lifecycle/spawn.ts";

const writer = ["-e", 'let i = 0; setInterval(() => console.log("line " + i++ + " " + "x".repeat(100)), 5)'];

describe("log rotation", () => {
  it("leaves a file under its size alone", () => {
    const file = join(mkdtempSync(join(tmpdir(), "rotation-")), "part.log");
    writeFileSync(file, "short\n");
    assert.equal(rotateIfLarge(file, { maxBytes: 1024, keep: 2 }), false);
    assert.equal(existsSync(`${file}.1`), false);
    assert.equal(rotateIfLarge(`${file}.missing`, { maxBytes: 1, keep: 2 }), false, "a missing file is no error");
  });

  it("rotates a live writer's log, keeps `keep` copies, and the writer goes on at the start of the file", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "rotation-")), "part.log");
    // A previous run's content: a fresh start truncates it (and still opens for appending).
    writeFileSync(file, "x".repeat(100_000));
    const child = spawnProcess(process.execPath, writer, { output: { file } });
    try {
      for (let round = 1; round <= 3; round++) {
        await pollUntil(() => statSync(file).size > 8_192, `the log to pass 8 KiB (round ${round})`, { timeoutMs: 10_000 });
        assert.equal(rotateIfLarge(file, { maxBytes: 8_192, keep: 2 }), true);
      }
      await pollUntil(() => statSync(file).size > 500, "new lines after the last rotation", { timeoutMs: 10_000 });
      const current = readFileSync(file, "utf8");
      assert.match(current.slice(0, 5), /^line /, "written from the start again, not after a hole of zero bytes");
      assert.ok(statSync(file).size < 100_000, "the old content is not kept in the live file");
      assert.equal(existsSync(`${file}.3`), false, "only two copies kept");
      const [newer, older] = [readFileSync(`${file}.1`, "utf8"), readFileSync(`${file}.2`, "utf8")];
      const firstLine = (text: string) => Number(/line (\d+)/.exec(text)?.[1]);
      assert.ok(firstLine(newer) > firstLine(older), ".1 is newer than .2");
      assert.ok(!newer.includes("\0") && !older.includes("\0"));
    } finally {
      await stopGroup(child, { graceMs: 2_000 });
    }
  });
});
