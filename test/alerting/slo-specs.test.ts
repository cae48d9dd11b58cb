// Sloth's input, prometheus/slo/<service>.yml, is generated from the services catalog: a committed
// spec that differs from a fresh rendering is stale, and each says what the catalog says.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { renderSloSpec, sloDir, sloSpecFile } from "../../src/alerting/slo-specs.ts";
import { SERVICES } from "../../src/services/catalog.ts";

describe("SLO specs generated from the services catalog", () => {
  it("one spec per service of the catalog, and no other", () => {
    assert.deepEqual(
      readdirSync(sloDir)
        .filter((file) => file.endsWith(".yml"))
        .sort(),
      Object.keys(SERVICES)
        .map((name) => `${name}.yml`)
        .sort(),
    );
  });

  for (const spec of Object.values(SERVICES)) {
    it(`prometheus/slo/${spec.name}.yml is what the catalog renders (else: npm run slo)`, () => {
      assert.equal(readFileSync(sloSpecFile(spec.name), "utf8"), renderSloSpec(spec), `prometheus/slo/${spec.name}.yml is stale: run npm run slo`);
    });

    it(`${spec.name}: the SLIs read its API routes and its latency bucket, scraped from it`, () => {
      const parsed = parse(renderSloSpec(spec)) as { service: string; slos: { name: string; sli: { events: { error_query: string; total_query: string } } }[] };
      assert.equal(parsed.service, spec.name);
      assert.deepEqual(
        parsed.slos.map((slo) => slo.name),
        ["availability", spec.slo.latency.name],
      );
      for (const slo of parsed.slos) {
        assert.ok(slo.sli.events.total_query.includes(`service_name="${spec.name}", http_route=~"${spec.slo.routes}"`), slo.sli.events.total_query);
      }
      assert.match(parsed.slos[1]!.sli.events.error_query, new RegExp(`le=~?"${String(spec.slo.latency.seconds).replace(".", "\\.")}`));
    });
  }
});
