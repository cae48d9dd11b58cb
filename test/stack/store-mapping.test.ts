// The store's mapping takes any attribute shape: through the real collector into a real OpenSearch
// node, logs and spans whose `code` attribute is a string, a number, or an object (code.file.path,
// as every OTel SDK's logging bridge sends), in either order, all land and stay searchable.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { opensearchComponent } from "../../src/stack/components/opensearch.ts";
import { builtCollector, provisionCollector } from "../../src/stack/provision/go.ts";
import { provisionOpenSearch } from "../../src/stack/provision/opensearch.ts";
import { applyStoreMapping } from "../../src/stack/store-mapping.ts";
import { Supervisor } from "../../src/stack/supervisor.ts";
import { startCollector } from "../support/collector.ts";
import { logsPayload, newSpanId, newTraceId, postOtlp, tracesPayload } from "../support/otlp-json.ts";
import { pollUntil } from "../../src/lifecycle/poll.ts";
import { freePort } from "../support/ports.ts";

const SHAPES: Array<{ name: string; attributes: Record<string, string | number> & { request_id: string } }> = [
  { name: "a string", attributes: { code: "E_PARSE", request_id: "rq-string" } },
  { name: "a number", attributes: { code: 42, request_id: "rq-number" } },
  { name: "an object", attributes: { "code.file.path": "/srv/app.py", "code.line.number": 7, "code.function.name": "parse", request_id: "rq-object" } },
];

async function search(url: string, index: string, query: object): Promise<number> {
  await fetch(`${url}/${index}/_refresh`, { method: "POST" });
  const response = await fetch(`${url}/${index}/_search`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
  return response.ok ? ((await response.json()) as { hits: { total: { value: number } } }).hits.total.value : 0;
}

describe("the store's index template", { timeout: 10 * 60_000, skip: process.env.OTEL_GATEWAY_SKIP_STACK === "1" && "OTEL_GATEWAY_SKIP_STACK=1" }, () => {
  const supervisor = new Supervisor(mkdtempSync(join(tmpdir(), "store-mapping-")));
  let url: string;
  let collectorBinary: string;

  before(async () => {
    const [{ java, jar }, binary, port, transportPort] = await Promise.all([provisionOpenSearch(), builtCollector() ?? provisionCollector(), freePort(), freePort()]);
    collectorBinary = binary;
    const node = await supervisor.start(opensearchComponent({ java, jar, port, transportPort, dataDir: mkdtempSync(join(tmpdir(), "opensearch-")), javaOpts: "-Xms256m -Xmx512m" }));
    url = node.component.url;
    assert.deepEqual(await applyStoreMapping(url), [], "no index predates the template");
  });
  after(() => supervisor.stopAll());

  for (const [order, shapes] of [["in this order", SHAPES], ["in the reverse order", [...SHAPES].reverse()]] as const) {
    it(`keeps logs and spans with code as ${shapes.map(({ name }) => name).join(", then ")}`, async () => {
      const suffix = order === "in this order" ? "forward" : "reverse";
      const logs = `otel-logs-${suffix}`;
      const traces = `otel-traces-${suffix}`;
      const collector = await startCollector(collectorBinary, [], { ELASTICSEARCH_ENDPOINT: url, ELASTICSEARCH_LOGS_INDEX: logs, ELASTICSEARCH_TRACES_INDEX: traces });
      try {
        for (const { attributes } of shapes) {
          // One at a time and each indexed before the next: the first shape gets to create the index.
          assert.equal(await postOtlp(collector.otlpHttpUrl, "logs", logsPayload("foreign-sdk", [{ body: "a record", attributes }])), 200);
          assert.equal(await postOtlp(collector.otlpHttpUrl, "traces", tracesPayload("foreign-sdk", [{ traceId: newTraceId(), spanId: newSpanId(), attributes }])), 200);
          const id = { term: { "Attributes.request_id": attributes.request_id } };
          await pollUntil(async () => (await search(url, logs, id)) === 1 && (await search(url, traces, id)) === 1, `${attributes.request_id} in ${logs} and ${traces}`);
        }
      } finally {
        await collector.stop();
      }
      for (const index of [logs, traces]) {
        assert.equal(await search(url, index, { term: { "Attributes.code": "E_PARSE" } }), 1, `${index}: the string`);
        assert.equal(await search(url, index, { term: { "Attributes.code": "42" } }), 1, `${index}: the number`);
        assert.equal(await search(url, index, { term: { "Attributes.code.file.path": "/srv/app.py" } }), 1, `${index}: the object`);
        assert.equal(await search(url, index, { term: { "Resource.service.name": "foreign-sdk" } }), 3, `${index}: service name stays typed`);
      }
    });
  }
});
