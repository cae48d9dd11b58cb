// Variables and Grafana macros expanded as Grafana sends them to the datasource.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { expand, macros } from "../../src/dashboards/expand.ts";

const window = { fromMs: 0, toMs: 300_000, stepS: 15 };

describe("expanding a dashboard query", () => {
  it("computes $__rate_interval as Grafana does: max(interval + scrape interval, 4 × scrape interval)", () => {
    assert.equal(macros({ ...window, stepS: 5 }).__rate_interval, "20s");
    assert.equal(macros({ ...window, stepS: 60 }).__rate_interval, "65s");
    assert.equal(macros(window).__range, "300s");
  });

  it("replaces $name, ${name} and ${name:format}, longest name first", () => {
    const values = { service: { values: ["cv-parser"] }, service_name: { values: ["matching-api"] } };
    assert.equal(
      expand('x{a="$service", b="${service_name}", c="${service:raw}"}[$__rate_interval]', values, window, "promql"),
      'x{a="cv-parser", b="matching-api", c="cv-parser"}[20s]',
    );
  });

  it("sends allValue for All, a regex alternation to PromQL and an OR group to Lucene for several values", () => {
    assert.equal(expand('s=~"$s"', { s: { values: ["a", "b"], allValue: ".+" } }, window, "promql"), 's=~".+"');
    assert.equal(expand('s=~"$s"', { s: { values: ["a.b", "c"] } }, window, "promql"), 's=~"(a\\.b|c)"');
    assert.equal(expand("level:$level", { level: { values: ["error", "warn"] } }, window, "lucene"), 'level:("error" OR "warn")');
  });

  it("leaves capture-group references like $1 alone and refuses an unknown variable", () => {
    assert.equal(expand('label_replace(up, "a", "$1", "job", "(.*)")', {}, window, "promql"), 'label_replace(up, "a", "$1", "job", "(.*)")');
    assert.throws(() => expand('x{a="$nope"}', {}, window, "promql"), /unknown variable \$nope/);
  });
});
