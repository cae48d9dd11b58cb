import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DataPointType } from "@opentelemetry/sdk-metrics";
import { unitSuffix } from "../../src/telemetry/prometheus.ts";

describe("Prometheus unit suffixes", () => {
  const histogram = { dataPointType: DataPointType.HISTOGRAM };
  const gauge = { dataPointType: DataPointType.GAUGE };
  it("spell units out as the OTel-Prometheus compatibility spec does", () => {
    assert.equal(unitSuffix("s", histogram), "seconds");
    assert.equal(unitSuffix("By", histogram), "bytes");
    assert.equal(unitSuffix("By/s", gauge), "bytes_per_second");
    assert.equal(unitSuffix("USD", histogram), "USD");
  });
  it("drop annotations, and give 1 a ratio suffix on gauges only", () => {
    assert.equal(unitSuffix("{request}", histogram), "");
    assert.equal(unitSuffix("1", gauge), "ratio");
    assert.equal(unitSuffix("1", histogram), "");
  });
});
