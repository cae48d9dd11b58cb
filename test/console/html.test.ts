// The pieces every console page is made of: escaping, chart data in the page, the time grid and
// the health targets the stack hands the console.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { html, jsonScript } from "../../src/console/html.ts";
import { formatValue } from "../../src/console/charts.ts";
import { gridOf } from "../../src/console/sources/prometheus.ts";
import { consoleTargets } from "../../src/stack/components/console.ts";

describe("console HTML", () => {
  it("escapes every interpolated value, in text and in attributes, but not nested HTML", () => {
    const value = `<img src=x onerror="alert('x')">&`;
    const out = html`<p title="${value}">${value} ${html`<b>kept</b>`} ${[value, 1]}</p>`.value;
    assert.equal(
      out,
      `<p title="&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;">&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp; <b>kept</b> &lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;1</p>`,
    );
  });

  it("keeps chart data from closing its script element", () => {
    const out = jsonScript("c1", { label: "</script><script>alert(1)</script>" }).value;
    assert.equal(out.match(/<\/script>/g)?.length, 1);
    assert.deepEqual(JSON.parse(out.replace(/^<script[^>]*>|<\/script>$/g, "")), { label: "</script><script>alert(1)</script>" });
  });

  it("formats seconds, ratios, rates and dollars the way the charts do", () => {
    assert.deepEqual(
      [
        formatValue(0.0123, "s"),
        formatValue(2.5, "s"),
        formatValue(0.25, "ratio"),
        formatValue(3.14159, "/s"),
        formatValue(0.5, "USD"),
        formatValue(undefined, "s"),
      ],
      ["12 ms", "2.50 s", "25.0 %", "3.1/s", "$0.5000", "–"],
    );
  });
});

describe("the console's time grid", () => {
  it("ends on a multiple of the step, so reloads ask Prometheus for the same timestamps", () => {
    const grid = gridOf(900, 90, 1_000_007);
    assert.equal(grid.step, 10);
    assert.equal(grid.end, 1_000_000);
    assert.equal(grid.x.length, 91);
    assert.equal(grid.x[0], grid.start);
    assert.equal(grid.x.at(-1), grid.end);
  });
});

describe("the console's health targets", () => {
  it("checks a service's readiness and every other component's own health URL, skipping what has none", () => {
    const targets = consoleTargets([
      { name: "matching-api", command: "node", args: [], url: "http://127.0.0.1:8080", healthUrl: "http://127.0.0.1:8080/health" },
      { name: "prometheus", command: "prometheus", args: [], url: "http://127.0.0.1:9090", healthUrl: "http://127.0.0.1:9090/-/ready" },
      { name: "loadgen", command: "node", args: [], url: "http://127.0.0.1:8080" },
    ]);
    assert.deepEqual(targets, [
      { name: "matching-api", kind: "service", healthUrl: "http://127.0.0.1:8080/ready" },
      { name: "prometheus", kind: "backend", healthUrl: "http://127.0.0.1:9090/-/ready" },
    ]);
  });
});
