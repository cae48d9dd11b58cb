// The proof's verdict from query results: allow-listed panels may be empty, others may not.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { reportProof } from "../../src/dashboards/report.ts";

const ok = { panel: "a.json / Rate", refId: "A", query: "rate(x[1m])", found: 2 };
const emptyCost = { panel: "ml-llm.json / Cost", refId: "A", query: "cost", found: 0 };
const broken = { panel: "a.json / Errors", refId: "B", query: "rate(", found: 0, error: "400 parse error" };

describe("the dashboard proof report", () => {
  it("fails empty and erroring queries, and counts panels and queries", () => {
    const { failing, lines } = reportProof([ok, emptyCost, broken], 3, {});
    assert.deepEqual(failing, [emptyCost, broken]);
    assert.equal(lines[0], "3 panels, 3 queries, 2 failing");
  });

  it("lets an allow-listed panel be empty, printing its reason and what it answers now", () => {
    const { failing, lines } = reportProof([ok, emptyCost], 2, { "ml-llm.json / Cost": "no model configured" });
    assert.deepEqual(failing, []);
    assert.ok(lines.includes("  ml-llm.json / Cost: no model configured (now: 0 series)"), lines.join("\n"));
  });

  it("does not fail an annotation query for finding no event, only for an error", () => {
    const quiet = { panel: "a.json / annotation Deploys", refId: "annotation", query: "x", found: 0 };
    const erring = { ...quiet, panel: "b.json / annotation Deploys", error: "422 bad" };
    const { failing, lines } = reportProof([ok, quiet, erring], 1, {});
    assert.deepEqual(failing, [erring]);
    assert.ok(lines.includes("1 annotation queries found no event in the range (not a failure)"), lines.join("\n"));
  });

  it("says when an allow-listed panel answers, and names entries that match no panel", () => {
    const { stale, lines } = reportProof([ok], 1, { "a.json / Rate": "flaky", "gone.json / Old": "removed" });
    assert.deepEqual(stale, ["gone.json / Old"]);
    assert.ok(
      lines.some((line) => line.includes("a.json / Rate: flaky (now: 2 series; answering: remove it from the list)")),
      lines.join("\n"),
    );
  });
});
