// The benchmark suite runs end to end in smoke mode (tiny durations, real processes and the real
// stack) and fills every row of its table and JSON. Its figures are not checked: timings belong to
// `npm run bench`, never to assertions.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, it } from "node:test";
import type { Row } from "../../bench/report.ts";

const exec = promisify(execFile);

const EXPECTED_ROWS = [
  /^startup to first 200$/,
  /^CPU to first 200$/,
  /^RSS at rest$/,
  ...["parse a CV", "GET /hello"].flatMap((route) => [
    new RegExp(`^${route}: CPU per request at \\d+ req/s$`),
    new RegExp(`^${route}: p50 at \\d+ req/s$`),
    new RegExp(`^${route}: p99 at \\d+ req/s$`),
    new RegExp(`^${route}: saturated throughput$`),
  ]),
  /^RSS after load$/,
  /^\/metrics scrape, \d+ series \(today\)$/,
  /^\/metrics scrape, \d+ series \(~2,000\)$/,
  ...["null sink", "real backends"].flatMap((sink) =>
    ["spans", "logs", "metric points", "RSS after"].map((what) => new RegExp(`^collector → ${sink}: ${what}$`)),
  ),
  /^request → trace of 3 services in Jaeger$/,
  /^request → its logs searchable$/,
  /^request → counted in Prometheus \(scrape\)$/,
  /^request → counted in Prometheus \(remote write\)$/,
];

describe("npm run bench, in smoke mode", { timeout: 20 * 60_000 }, () => {
  it("prints the table and writes a JSON file with every row measured", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "bench-")), "results.json");
    const { stdout } = await exec(process.execPath, ["bench/index.ts", "--smoke"], {
      env: { ...process.env, BENCH_OUT: out },
      timeout: 19 * 60_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    const { rows, results } = JSON.parse(readFileSync(out, "utf8")) as { rows: Row[]; results: Record<string, unknown> };
    assert.equal(rows.length, EXPECTED_ROWS.length, rows.map((row) => row.what).join("\n"));
    EXPECTED_ROWS.forEach((pattern, i) => assert.match(rows[i]!.what, pattern));
    for (const row of rows) {
      assert.ok(row.ours && !row.ours.includes("n/a") && !row.ours.includes("NaN"), `${row.what}: ${row.ours}`);
      if (row.peer !== undefined) assert.ok(!row.peer.includes("n/a") && !row.peer.includes("NaN"), `${row.what}, peer: ${row.peer}`);
      assert.ok(stdout.includes(`| ${row.what} |`), `the printed table has ${row.what}`);
    }
    assert.deepEqual(Object.keys(results).sort(), ["collectorBackends", "collectorNull", "freshness", "scrape", "service"]);
  });
});
