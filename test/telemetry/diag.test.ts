import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createThrottledDiagLogger } from "../../src/telemetry/diag.ts";

describe("the SDK's diagnostic messages", () => {
  it("are written once per minute per kind, so an absent collector does not flood the log", () => {
    const lines: string[] = [];
    let now = 0;
    const logger = createThrottledDiagLogger(
      (line) => lines.push(line),
      () => now,
    );
    for (let attempt = 0; attempt < 100; attempt++) {
      now += 1_000;
      logger.error("OTLPExporterError: connect ECONNREFUSED 127.0.0.1:4318", `attempt ${attempt}`);
    }
    assert.equal(lines.length, 2, "once at the start, once after 60 s");
    assert.match(lines[0]!, /ECONNREFUSED/);
    logger.info("chatty");
    logger.debug("chattier");
    assert.equal(lines.length, 2);
  });
});
