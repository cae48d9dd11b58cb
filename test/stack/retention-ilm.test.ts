// Compose's retention (Elasticsearch ILM): what the store-setup one-shot applies. Not run against a
// live Elasticsearch here (the native stack runs OpenSearch): this checks the request bodies.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ALIASES, lifecycleTemplate, POLICY, retentionPolicy } from "../../src/stack/retention/ilm.ts";
import { storeTemplate } from "../../src/stack/store-mapping.ts";

describe("the ILM retention for compose", () => {
  it("rolls over at a day or 5 GB a shard and deletes LOG_RETENTION_DAYS after the rollover", () => {
    const { phases } = retentionPolicy(3).policy;
    assert.deepEqual(phases.hot.actions.rollover, { max_age: "1d", max_primary_shard_size: "5gb" });
    assert.equal(phases.delete.min_age, "3d");
  });

  for (const alias of ALIASES) {
    it(`attaches the policy to ${alias}'s numbered indices, over the store template and with its mapping`, () => {
      const template = lifecycleTemplate(alias);
      const base = storeTemplate("flattened");
      assert.deepEqual(template.index_patterns, [`${alias}-*`]);
      assert.ok(template.priority > base.priority, "wins over the store template, which matches too");
      assert.equal(template.template.settings["index.lifecycle.name"], POLICY);
      assert.equal(template.template.settings["index.lifecycle.rollover_alias"], alias);
      assert.deepEqual(template.template.mappings, base.template.mappings);
      assert.equal(template.template.settings["index.default_pipeline"], base.template.settings["index.default_pipeline"]);
    });
  }
});
