// The chaos suite's short version (bench/chaos, `npm run chaos` for the full table): the real
// stack, then all three backends down, all three hung, the collector killed with SIGKILL while
// they hang, and the collector's intake at 3× the rate it sustains; every item the probe got accepted
// must be in every backend afterwards, counted by id, once (no extra copy from a retried write).
// Then the services' side: the collector down, then hung, while matching-api serves requests; every
// request's trace and log records must arrive once it is back (the SDKs' retry buffer).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { RunningStack } from "../../src/stack/stack.ts";
import { startTestStack } from "../support/stack.ts";
import { shortSuite } from "../../bench/chaos/index.ts";
import type { OverloadFigures } from "../../bench/chaos/overload.ts";
import { measureFault, table } from "../../bench/chaos/run.ts";
import { servicesTable, servicesWithCollectorFault } from "../../bench/chaos/services.ts";

// Shorter than `npm run chaos` (60 s) to keep `npm test` in minutes; long enough for every retry
// timer in gateway.yaml to fire while the fault lasts.
const FAULT_SECONDS = Number(process.env.CHAOS_FAULT_SECONDS ?? 30);
/** The services' requests before and after the collector's fault (20 s in `npm run chaos`): a baseline and a tail, not a wait. */
const PHASE_SECONDS = 10;

describe(
  "nothing lost or stored twice through a fault",
  { timeout: 30 * 60_000, skip: process.env.OTEL_GATEWAY_SKIP_STACK === "1" && "OTEL_GATEWAY_SKIP_STACK=1" },
  () => {
    let stack: RunningStack;
    before(async () => {
      stack = await startTestStack({ onEvent: (message) => console.log(`[supervisor] ${message}`) });
    });
    after(() => stack?.stop());

    for (const fault of shortSuite()) {
      it(`loses nothing and stores nothing twice when ${fault.name}, and intake does not wait on the backends`, async () => {
        const rows = await measureFault(stack, fault, { seconds: FAULT_SECONDS, recoverySeconds: 120, log: (line) => console.log(line) });
        console.log(table(rows));
        for (const row of rows) {
          assert.ok(row.sent > 0, "the probe sent items");
          assert.equal(row.lost, 0, `${row.signal}: ${row.lost} of ${row.sent} lost`);
          assert.equal(row.duplicated, 0, `${row.signal}: ${row.duplicated} extra copies of ${row.sent} items`);
        }
        // Not a speed target (the figures are printed): a stalled intake waits for the whole fault, as it
        // did before each backend had its own queue, so 10 s tells a stall from a slow machine.
        // The kill -9 fault includes the collector's own restart; under overload the intake is slow by design.
        if (!fault.name.includes("kill") && !fault.name.includes("overload"))
          assert.ok(rows[0]!.intakeMaxMs < 10_000, `intake waited up to ${rows[0]!.intakeMaxMs.toFixed(0)} ms`);
        const figures = (fault as { figures?: OverloadFigures }).figures;
        if (figures) {
          console.log(fault.report?.());
          // Whatever memory_limiter refused, it refused retryably (429, 503; 0: no answer within the SDK's 10 s,
          // retried too), and the collector stayed up; test/stack/overload.test.ts makes sure it refuses at all.
          for (const status of Object.keys(figures.statuses)) assert.ok(["200", "429", "503", "0"].includes(status), `load requests answered ${status}`);
          assert.equal(figures.collectorRestarts, 0, "the collector restarted");
        }
      });
    }

    for (const fault of ["down", "hung"] as const) {
      it(`loses none of the services' traces and logs while the collector is ${fault}, and requests do not wait on it`, async () => {
        const figures = await servicesWithCollectorFault(stack, fault, {
          seconds: FAULT_SECONDS,
          phaseSeconds: PHASE_SECONDS,
          log: (line) => console.log(line),
        });
        console.log(servicesTable(figures));
        for (const phase of figures) {
          assert.ok(phase.requests > 0, `${phase.phase}: requests were sent`);
          assert.equal(phase.failed, 0, `${phase.phase}: ${phase.failed} requests failed`);
          assert.equal(phase.tracesInJaeger, phase.requests, `${phase.phase}: traces in Jaeger`);
          assert.equal(phase.logsInStore, phase.requests, `${phase.phase}: logs in the store`);
        }
        // Not the 10 % target (the figures are printed; the machine is shared): a request that waited
        // on an export would take the exporter's whole 10 s timeout.
        const during = figures.find(({ phase }) => phase === "during")!;
        assert.ok(during.p99Ms < 1_000, `p99 during the fault: ${during.p99Ms.toFixed(0)} ms`);
      });
    }
  },
);
