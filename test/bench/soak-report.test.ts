// The soak's arithmetic on samples made up to known figures: RSS growth from the 10-minute mark,
// CPU as a share of a core across a restart, disk growth per hour and the days left to each cap.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatSummary, slopePerHour, summarize } from "../../bench/soak/report.ts";
import type { Sample } from "../../bench/soak/sample.ts";

const MiB = 2 ** 20;
const caps = { store: 1000 * MiB, prometheus: 500 * MiB, queues: 100 * MiB, logs: 50 * MiB };

/** One sample a minute for an hour: the collector from 100 MiB to 110 MiB after minute 10, the store growing 10 MiB an hour. */
function samples(): Sample[] {
  return Array.from({ length: 61 }, (_, minute): Sample => {
    const at = minute * 60;
    return {
      at,
      parts: {
        // Its anonymous memory flat at 60 MiB after minute 10: the growth is mapped files.
        collector: { rssMiB: minute < 10 ? 80 + 2 * minute : 100 + (minute - 10) / 5, anonMiB: minute < 10 ? 50 : 60, cpuMs: at * 100 },
        // Restarted at minute 30: its CPU counter starts again.
        jaeger: { rssMiB: 50, anonMiB: 40, cpuMs: (minute < 30 ? at : at - 1800) * 10 },
      },
      disk: { store: 100 * MiB + (at / 3600) * 10 * MiB, prometheus: 20 * MiB, queues: 0, logs: 1 * MiB, other: 1 * MiB },
      filesystemFree: 10_000 * MiB,
      queues: { "otlp_grpc/jaeger/traces": minute === 20 ? 4096 : 0 },
      storeDocs: minute * 100,
      restarts: { collector: 0, jaeger: minute < 30 ? 0 : 1 },
      errors: { requests: 0, refused: 0, sendFailed: 0 },
    };
  });
}

describe("the soak report", () => {
  it("fits a slope per hour", () => {
    assert.equal(slopePerHour([[0, 5]]), 0);
    assert.equal(
      Math.round(
        slopePerHour([
          [0, 0],
          [1800, 5],
          [3600, 10],
        ]),
      ),
      10,
    );
  });

  const summary = summarize(samples(), caps);

  it("measures RSS growth from the 10-minute mark, and CPU as a share of one core across a restart", () => {
    const collector = summary.parts.find((row) => row.part === "collector")!;
    assert.equal(collector.rssBase, 100);
    assert.equal(collector.rssEnd, 110);
    assert.ok(Math.abs(collector.rssGrowth - 0.1) < 1e-9);
    assert.ok(Math.abs(collector.rssPerHour - 12) < 1e-6, String(collector.rssPerHour));
    assert.equal(collector.anonBase, 60);
    assert.equal(collector.anonGrowth, 0);
    assert.ok(Math.abs(collector.cpuPercent - 10) < 1e-6);
    const jaeger = summary.parts.find((row) => row.part === "jaeger")!;
    assert.ok(Math.abs(jaeger.cpuPercent - 1) < 0.05, String(jaeger.cpuPercent));
    assert.equal(jaeger.restarts, 1);
    assert.equal(summary.restarts, 1);
  });

  it("gives each disk's growth per hour and the days to its cap at that rate", () => {
    const store = summary.disk.find((row) => row.part === "store")!;
    assert.ok(Math.abs(store.perHour / MiB - 10) < 1e-6);
    // 890 MiB left at 240 MiB a day.
    assert.ok(Math.abs(store.daysToCap! - 890 / 240) < 1e-6, String(store.daysToCap));
    assert.equal(summary.disk.find((row) => row.part === "prometheus")!.daysToCap, Infinity);
    assert.equal(summary.disk.find((row) => row.part === "other")!.cap, undefined);
    assert.deepEqual(summary.queuePeaks, { "otlp_grpc/jaeger/traces": 4096 });
    assert.equal(Math.round(summary.storeDocsPerHour), 6000);
  });

  it("prints both tables and the error line", () => {
    const text = formatSummary(summary);
    assert.match(text, /\| collector +\| 100 MiB +\| 110 MiB +\| \+10\.0 % \| \+12\.0 MiB \| 60 MiB +\| 60 MiB +\| \+0\.0 % +\| 10\.0 % \| 0 +\|/);
    assert.match(text, /\| store +\| 110 MiB +\| 10\.0 MiB +\| 240 MiB +\| 1000 MiB +\| 3\.7 d +\|/);
    assert.match(text, /\| prometheus +\| .+ \| not growing +\|/);
    assert.match(text, /Errors: 0 failed requests, 0 items refused by the collector, 0 failed exports\. Restarts: 1\./);
  });
});
