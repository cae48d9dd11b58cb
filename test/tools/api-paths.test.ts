// Only src/backends builds URLs for Jaeger's query API, the Elasticsearch API, Prometheus, Alertmanager
// and Bugsink (tools/api-paths.ts): anywhere else a caller passes a base URL to a client. A failure
// names each literal, file and line, to move into a client there.
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { apiPathSpellings, apiPathsIn } from "../../tools/api-paths.ts";

describe("the backends' API paths", () => {
  it("are spelled in src/backends alone (and its tests and the in-process stand-in), nowhere else in src, bench, tools or test", () => {
    const found = apiPathSpellings(join(import.meta.dirname, "..", ".."));
    assert.deepEqual(
      found.map(({ file, line, text }) => `${file}:${line}: ${text.slice(0, 100)}`),
      [],
    );
  });

  const cases: Array<[string, string, string[]]> = [
    ["an Elasticsearch API path at the end of a template", "const u = `${base}/${index}/_delete_by_query?refresh=true`;", ["/_delete_by_query?refresh=true"]],
    ["a Prometheus path in a plain string", 'fetch(base + "/api/v1/query");', ["/api/v1/query"]],
    ["Bugsink's and Alertmanager's, in a template's head and middle", "`/api/canonical/0/${a}/api/v2/alerts${b}`", ["/api/canonical/0/", "/api/v2/alerts"]],
    ["Jaeger's query API", "const t = `${jaeger}/api/traces/${id}`;", ["/api/traces/"]],
    ["nothing in a comment", "// POST /_bulk, then GET /api/v1/query\n/* GET /_cat/indices */", []],
    ["nothing in a regular expression (a stand-in's route)", "const m = /^\\/api\\/traces\\/(\\w+)$/.exec(path);", []],
    ["no PromQL name that ends like a path", 'const q = "rate(http_server_request_duration_seconds_count[5m]) / app_documents_parsed_total";', []],
    ["no other API's underscore path", 'const s = "/api/_definitions.json#/$defs/";', []],
  ];
  for (const [name, source, expected] of cases)
    it(`reads ${name}`, () => {
      assert.deepEqual(
        apiPathsIn(source).map(({ text }) => text),
        expected,
      );
    });
});
