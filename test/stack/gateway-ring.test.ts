// The pieces of the gateway ring that need no process: the count of what the agent dropped in a
// reload, read from its own log (lines of a real reload, test/fixtures/collector-logs/agent-reload.txt),
// and the file_sd targets Prometheus reads. The ring at work: test/e2e/gateway-pool.test.ts.
import assert from "node:assert/strict";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { gatewayPool } from "../../src/stack/components/gateway-pool.ts";
import { droppedItems, ringOverlay } from "../../src/stack/components/gateway-ring.ts";
import { projectRoot } from "../../src/config/paths.ts";

const log = join(projectRoot, "test", "fixtures", "collector-logs", "agent-reload.txt");

describe("the gateway ring", () => {
  it("sums the items the agent logged as dropped, from the offset where the reload began", () => {
    assert.equal(droppedItems(log, 0), 12);
    const secondDrop = readFileSync(log, "utf8").lastIndexOf("Exporting failed. Dropping data.");
    assert.equal(droppedItems(log, secondDrop), 4);
    assert.equal(droppedItems(log, statSync(log).size), 0);
  });

  it("lists the same live gateways for both loadbalancing exporters", () => {
    const overlay = ringOverlay(gatewayPool("otelcol-gateway", 3).slice(0, 2));
    assert.equal(overlay.match(/hostnames: \[127\.0\.0\.1:14417, 127\.0\.0\.1:14427\]/g)?.length, 2);
  });
});
