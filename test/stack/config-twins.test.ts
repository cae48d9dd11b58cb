// The configs generated from another (src/stack/config-twins.ts): a committed twin that differs from
// a fresh rendering is stale, and each says what its source says, changed only where it should be.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { parse } from "yaml";
import {
  composePrometheusConfig,
  debugOverlay,
  gatewayConfig,
  nativePrometheusConfig,
  renderComposePrometheusConfig,
  renderDebugOverlay,
} from "../../src/stack/config-twins.ts";

const read = (file: string) => readFileSync(file, "utf8");
const jobs = (text: string) => (parse(text) as { scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[] }).scrape_configs;

describe("prometheus.compose.yml, generated from prometheus.yml", () => {
  it("is what a fresh rendering gives (else: npm run gen:configs)", () => {
    assert.equal(read(composePrometheusConfig), renderComposePrometheusConfig(), "prometheus/prometheus.compose.yml is stale: run npm run gen:configs");
  });

  it("has the native jobs, each target on a compose host instead of loopback, and no native-only gateway list", () => {
    const native = jobs(read(nativePrometheusConfig));
    const compose = jobs(renderComposePrometheusConfig());
    assert.deepEqual(
      compose.map((job) => job.job_name),
      native.map((job) => job.job_name),
    );
    for (const [index, job] of compose.entries()) {
      assert.deepEqual(
        Object.keys(job).sort(),
        Object.keys(native[index]!)
          .filter((key) => key !== "file_sd_configs")
          .sort(),
        job.job_name,
      );
      for (const target of job.static_configs.flatMap((group) => group.targets)) assert.doesNotMatch(target, /^127\.0\.0\.1:/, `${job.job_name}: ${target}`);
    }
    assert.doesNotMatch(renderComposePrometheusConfig(), /\.stack\//);
  });

  it("refuses a loopback port it has no compose host for, naming it", () => {
    const native = read(nativePrometheusConfig).replace('"127.0.0.1:9099"', '"127.0.0.1:12345"');
    assert.throws(() => renderComposePrometheusConfig(native), /127\.0\.0\.1:12345: give port 12345 its compose host/);
  });
});

describe("gateway.debug.yaml, generated from gateway.yaml", () => {
  it("is what a fresh rendering gives (else: npm run gen:configs)", () => {
    assert.equal(read(debugOverlay), renderDebugOverlay(), "collector/gateway.debug.yaml is stale: run npm run gen:configs");
  });

  it("restates each OTLP-receiving pipeline's exporters plus debug, and leaves the second-stage pipelines alone", () => {
    type Config = { service: { pipelines: Record<string, { receivers?: string[]; exporters: string[] }> } };
    const base = (parse(read(gatewayConfig)) as Config).service.pipelines;
    const overlay = (parse(renderDebugOverlay()) as Config).service.pipelines;
    const entry = Object.keys(base).filter((name) => base[name]!.receivers!.includes("otlp"));
    assert.deepEqual(Object.keys(overlay), entry);
    assert.ok(entry.length >= 3, "traces, logs and metrics at least");
    for (const name of entry) assert.deepEqual(overlay[name]!.exporters, [...base[name]!.exporters, "debug"], name);
  });
});
