// The access log's stdout lines are written in batches: none may be lost, reordered or held back long.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { pollUntil } from "../../src/lifecycle/poll.ts";

const MODULE = fileURLToPath(new URL("../../src/telemetry/stdout-lines.ts", import.meta.url));

/** Runs `body` in a child process with writeStdoutLine imported; collects its stdout as it arrives. */
function child(body: string) {
  const process_ = spawn(process.execPath, ["--input-type=module", "-e", `import { writeStdoutLine } from ${JSON.stringify(MODULE)};\n${body}`], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const output = { text: "", exited: new Promise<number | null>((resolve) => process_.once("exit", resolve)), kill: () => process_.kill() };
  process_.stdout.setEncoding("utf8").on("data", (chunk: string) => (output.text += chunk));
  return output;
}

describe("stdout lines", () => {
  it("are all written, in order, by a process that exits right after writing them (a full buffer included)", async () => {
    const output = child(`for (let i = 0; i < 5000; i++) writeStdoutLine(JSON.stringify({ i, pad: "x".repeat(40) }));\nprocess.exit(0);`);
    assert.equal(await output.exited, 0);
    const lines = output.text.trimEnd().split("\n");
    assert.equal(lines.length, 5000, "none lost, none duplicated");
    assert.deepEqual(
      lines.map((line) => (JSON.parse(line) as { i: number }).i),
      Array.from({ length: 5000 }, (_, i) => i),
      "in the order written",
    );
  });

  it("reach stdout while the process runs on, within a second of being written", async () => {
    const output = child(`writeStdoutLine(String(Date.now()));\nsetInterval(() => {}, 1000);`);
    try {
      const line = await pollUntil(() => output.text.endsWith("\n") && output.text, "the one line on the running child's stdout");
      const heldMs = Date.now() - Number(line.trim());
      assert.ok(heldMs < 1_000, `written ${heldMs} ms after writeStdoutLine`);
    } finally {
      output.kill();
      await output.exited;
    }
  });
});
