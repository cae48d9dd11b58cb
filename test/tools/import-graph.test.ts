// The floors of src/ hold: no import runs back up a floor and no two folders import each other,
// read from the imports themselves (tools/import-graph.ts). A failure names the imports to move.
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { describe as picture, importsOf, readImportPicture } from "../../tools/import-graph.ts";

const src = join(import.meta.dirname, "..", "..", "src");

describe("the import picture of src/", () => {
  const read = readImportPicture(src);

  it("gives every folder of src/ a floor", () => {
    assert.deepEqual(read.unplaced, [], picture(read));
  });

  it("has no import running back up a floor", () => {
    assert.deepEqual(
      read.upward.map((arrow) => `${arrow.from} → ${arrow.to}`),
      [],
      picture(read),
    );
  });

  it("has no cycle between folders", () => {
    assert.deepEqual(read.cycles, [], picture(read));
  });

  it("reads static, side-effect, re-export and dynamic imports, and no package import", () => {
    const text = [
      'import { a } from "../http/index.ts";',
      'import "./register.ts";',
      'export { b } from "../request/names.ts";',
      'const c = await import("../stack/stack.ts");',
      'import express from "express";',
    ].join("\n");
    assert.deepEqual(importsOf(text), ["../http/index.ts", "./register.ts", "../request/names.ts", "../stack/stack.ts"]);
  });
});
