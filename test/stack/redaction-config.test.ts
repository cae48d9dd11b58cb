// The collector's redaction comes from the services' table: the generated block of each config that
// carries it is current. What the block does to data: redaction-cases.test.ts, through the real collector.
import assert from "node:assert/strict";
import { basename } from "node:path";
import { describe, it } from "node:test";
import { currentBlock, redactedConfigs, redactionBlock } from "../../src/stack/redaction-config.ts";

describe("collector redaction, generated from src/redaction/redaction-rules.ts", () => {
  for (const file of redactedConfigs) {
    it(`${basename(file)} holds the block the table generates (else: npm run gen:redaction)`, () => {
      assert.equal(currentBlock(file), redactionBlock());
    });
  }
});
