// Every pattern of the table runs in linear time over 100 KB of each adversarial input: under 5 ms in
// the services' engine (JavaScript, in-process), and linear and under 50 ms of CPU in the collector's
// (Go's regexp, which OTTL's replace_pattern uses: regexp-cost.go applies the same patterns the same way).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { ADVERSARIAL_INPUTS } from "./adversarial.ts";
import { TEXT_RULES } from "../../src/redaction/index.ts";

const LIMIT_MS = 5;
const GO_LIMIT_MS = 50;
/**
 * The least of a few runs: the pattern's cost, not the other processes' on a shared machine. Wall
 * time in JavaScript (Node's thread CPU time counts in scheduler ticks, too coarse for 1 ms); Go
 * reads its thread's CPU clock.
 */
const RUNS = 5;

function jsCost(pattern: string, ignoreCase: boolean, input: string): number {
  const regex = new RegExp(pattern, ignoreCase ? "giu" : "gu");
  let best = Infinity;
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    input.replace(regex, "x");
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

const slowest = (costs: Array<[string, number]>) => costs.reduce((worst, cost) => (cost[1] > worst[1] ? cost : worst));

describe("every redaction pattern is linear: 100 KB of adversarial input in under 5 ms", () => {
  for (const rule of TEXT_RULES) {
    it(`JavaScript: ${rule.name}`, () => {
      const costs = Object.entries(ADVERSARIAL_INPUTS).map(([name, input]): [string, number] => [name, jsCost(rule.pattern, rule.ignoreCase, input)]);
      const [input, ms] = slowest(costs);
      assert.ok(ms < LIMIT_MS, `${ms.toFixed(2)} ms on ${input}`);
    });
  }

  // Go's regexp has no DFA: it steps a thread per pending candidate through every byte, so even a
  // two-class pattern costs it 2-4 ms of CPU per 100 KB here. What matters is that no pattern grows
  // faster than its input: the whole input costs at most 10× its first quarter (linear: 4×, quadratic:
  // 16×; the margin is for a shared machine's noise), and no pattern takes more than GO_LIMIT_MS.
  const noGo = spawnSync("go", ["version"]).status !== 0 && "no go on PATH (the collector's build needs it too)";
  it("Go (the collector's regexp package): every rule is linear, and under 50 ms per 100 KB", { skip: noGo }, () => {
    const program = fileURLToPath(new URL("./regexp-cost.go", import.meta.url));
    const request = JSON.stringify({
      patterns: TEXT_RULES.map((rule) => `${rule.ignoreCase ? "(?i)" : ""}${rule.pattern}`),
      inputs: ADVERSARIAL_INPUTS,
      // Fewer runs than in-process: Go's CPU clock is exact, and 13 rules × 28 inputs × 2 sizes add up.
      runs: 3,
    });
    const result = spawnSync("go", ["run", program], { input: request, encoding: "utf8", timeout: 300_000 });
    assert.equal(result.status, 0, result.stderr);
    const costs = JSON.parse(result.stdout) as Array<{ pattern: number; input: string; ms: number; quarterMs: number }>;
    const over = costs
      .filter((cost) => cost.ms >= GO_LIMIT_MS || cost.ms > 10 * cost.quarterMs + 1)
      .map((cost) => `${TEXT_RULES[cost.pattern]!.name} on ${cost.input}: ${cost.ms.toFixed(2)} ms (a quarter: ${cost.quarterMs.toFixed(2)} ms)`);
    assert.deepEqual(over, []);
    const [worst] = costs.sort((a, b) => b.ms - a.ms);
    console.log(`Go: slowest ${TEXT_RULES[worst!.pattern]!.name} on ${worst!.input}, ${worst!.ms.toFixed(2)} ms CPU per 100 KB`);
  });
});
