// The flag store on a real file shared by two stores (as by two services): writes replace the file
// atomically, the other store's watch picks them up, a bad value is ignored alone and said so.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { FlagStore } from "../../src/services/shared/flags.ts";
import { pollUntil } from "../../src/lifecycle/poll.ts";

describe("the flag store over a shared file", () => {
  const directory = mkdtempSync(join(tmpdir(), "flags-"));
  const file = join(directory, "flags.json");
  const writer = new FlagStore(file);
  const reader = new FlagStore(file);
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(warning.message);
  process.on("warning", onWarning);
  /** As an editor that saves atomically would. */
  const replaceFile = (text: string) => {
    writeFileSync(`${file}.edit`, text);
    renameSync(`${file}.edit`, file);
  };
  after(() => {
    writer.close();
    reader.close();
    process.off("warning", onWarning);
  });

  it("serves the defaults while no file exists", () => {
    assert.deepEqual(reader.all(), { cvParserFailureRate: 0, modelLatencyMs: 0, jobParserUnavailable: false });
  });

  it("hands a value set in one store to the other through the OpenFeature provider, leaving no temp file", async () => {
    writer.set("cvParserFailureRate", 0.25);
    await pollUntil(
      async () => (await reader.provider.resolveNumberEvaluation("cvParserFailureRate", -1)).value === 0.25,
      "the reader's provider to serve 0.25",
    );
    assert.deepEqual(readdirSync(directory), ["flags.json"]);
  });

  it("ignores one bad value with a warning naming the flag and the value, and applies the others", async () => {
    replaceFile(JSON.stringify({ cvParserFailureRate: 7, modelLatencyMs: 120 }));
    await pollUntil(async () => reader.all().modelLatencyMs === 120, "the reader to take modelLatencyMs=120");
    assert.equal(reader.all().cvParserFailureRate, 0);
    const about = warnings.filter((message) => message.includes("cvParserFailureRate=7"));
    assert.equal(about.length, 1, warnings.join("\n"));
    assert.match(about[0]!, /ignored/);
  });

  it("keeps the last good values when the file is not JSON", async () => {
    replaceFile("{ not json");
    await pollUntil(async () => warnings.some((message) => message.includes("could not be read as flags")), "a warning about the broken file");
    assert.equal(reader.all().modelLatencyMs, 120);
  });
});
