// The store's mapping takes any attribute shape: through the real collector into a real OpenSearch
// node, logs and spans whose `code` attribute is a string, a number, or an object (code.file.path,
// as every OTel SDK's logging bridge sends), in either order, all land and stay searchable; so do
// resource attributes of conflicting shapes, with service.name still typed. A document the store
// refuses all the same (a term over Lucene's 32 KiB limit) is counted by the exporter and kept in
// the dead-letter index. Each span and log record is stored once, however often it is written (in
// one index: Jaeger's, written through its alias, have the id pipeline after a rollover too).
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { count, refresh, search as searchIndex } from "../../src/backends/index.ts";
import { bulk } from "../../src/backends/elasticsearch-data.ts";
import { rollover } from "../../src/backends/elasticsearch-admin.ts";
import { applyRollover } from "../../src/stack/retention/rollover.ts";
import { opensearchComponent } from "../../src/stack/components/opensearch.ts";
import { builtCollector, provisionCollector } from "../../src/stack/provision/go.ts";
import { provisionOpenSearch } from "../../src/stack/provision/opensearch.ts";
import { applyStoreMapping, DEAD_LETTER_INDEX } from "../../src/stack/store-mapping.ts";
import { Supervisor } from "../../src/stack/supervisor.ts";
import { startCollector } from "../support/collector.ts";
import { logsPayload, newSpanId, newTraceId, postOtlp, tracesPayload } from "../support/otlp-json.ts";
import { pollUntil } from "../../src/lifecycle/poll.ts";
import { freePort } from "../support/ports.ts";

const SERVICE = "foreign-sdk";
const SHAPES: Array<{ name: string; attributes: Record<string, string | number> & { request_id: string }; resource: Record<string, string | number> }> = [
  { name: "a string", attributes: { code: "E_PARSE", request_id: "rq-string" }, resource: { "service.name": SERVICE, cloud: "on-prem" } },
  { name: "a number", attributes: { code: 42, request_id: "rq-number" }, resource: { "service.name": SERVICE, cloud: 7 } },
  {
    name: "an object",
    attributes: { "code.file.path": "/srv/app.py", "code.line.number": 7, "code.function.name": "parse", request_id: "rq-object" },
    resource: { "service.name": SERVICE, "cloud.provider": "gcp" },
  },
];

/** Documents of the index matching the query, once what was indexed so far is searchable. */
async function search(url: string, index: string, query: object): Promise<number> {
  await refresh(url, index);
  return count(url, index, query);
}

describe("the store's index template", { timeout: 10 * 60_000, skip: process.env.OTEL_GATEWAY_SKIP_STACK === "1" && "OTEL_GATEWAY_SKIP_STACK=1" }, () => {
  const supervisor = new Supervisor(mkdtempSync(join(tmpdir(), "store-mapping-")));
  let url: string;
  let collectorBinary: string;

  before(async () => {
    const [{ java, jar }, binary, port, transportPort] = await Promise.all([
      provisionOpenSearch(),
      builtCollector() ?? provisionCollector(),
      freePort(),
      freePort(),
    ]);
    collectorBinary = binary;
    const node = await supervisor.start(
      opensearchComponent({ java, jar, port, transportPort, dataDir: mkdtempSync(join(tmpdir(), "opensearch-")), javaOpts: "-Xms256m -Xmx512m" }),
    );
    url = node.component.url;
    assert.deepEqual(await applyStoreMapping(url), [], "no index predates the template");
  });
  after(() => supervisor.stopAll());

  for (const [order, shapes] of [
    ["in this order", SHAPES],
    ["in the reverse order", [...SHAPES].reverse()],
  ] as const) {
    it(`keeps logs and spans with code as ${shapes.map(({ name }) => name).join(", then ")}`, async () => {
      const suffix = order === "in this order" ? "forward" : "reverse";
      const logs = `otel-logs-${suffix}`;
      const traces = `otel-traces-${suffix}`;
      const collector = await startCollector(collectorBinary, [], {
        ELASTICSEARCH_ENDPOINT: url,
        ELASTICSEARCH_LOGS_INDEX: logs,
        ELASTICSEARCH_TRACES_INDEX: traces,
      });
      try {
        for (const { attributes, resource } of shapes) {
          // One at a time and each indexed before the next: the first shape gets to create the index.
          assert.equal(await postOtlp(collector.otlpHttpUrl, "logs", logsPayload(resource, [{ body: "a record", attributes }])), 200);
          assert.equal(
            await postOtlp(collector.otlpHttpUrl, "traces", tracesPayload(resource, [{ traceId: newTraceId(), spanId: newSpanId(), attributes }])),
            200,
          );
          const id = { term: { "Attributes.request_id": attributes.request_id } };
          await pollUntil(
            async () => (await search(url, logs, id)) === 1 && (await search(url, traces, id)) === 1,
            `${attributes.request_id} in ${logs} and ${traces}`,
          );
        }
      } finally {
        await collector.stop();
      }
      for (const index of [logs, traces]) {
        assert.equal(await search(url, index, { term: { "Attributes.code": "E_PARSE" } }), 1, `${index}: the string`);
        assert.equal(await search(url, index, { term: { "Attributes.code": "42" } }), 1, `${index}: the number`);
        assert.equal(await search(url, index, { term: { "Attributes.code.file.path": "/srv/app.py" } }), 1, `${index}: the object`);
        assert.equal(await search(url, index, { term: { "ResourceFields.cloud": "on-prem" } }), 1, `${index}: the resource's string`);
        assert.equal(await search(url, index, { term: { "ResourceFields.cloud": "7" } }), 1, `${index}: the resource's number`);
        assert.equal(await search(url, index, { term: { "ResourceFields.cloud.provider": "gcp" } }), 1, `${index}: the resource's object`);
        assert.equal(await search(url, index, { term: { "Resource.service.name": SERVICE } }), 3, `${index}: service name stays typed`);
        assert.deepEqual(await services(url, index), { [SERVICE]: 3 }, `${index}: service name aggregates`);
      }
    });
  }

  it("stores a span and a log record once when the same request arrives twice, and two records that differ twice", async () => {
    const logs = "otel-logs-once";
    const traces = "otel-traces-once";
    const collector = await startCollector(collectorBinary, [], {
      ELASTICSEARCH_ENDPOINT: url,
      ELASTICSEARCH_LOGS_INDEX: logs,
      ELASTICSEARCH_TRACES_INDEX: traces,
    });
    const traceId = newTraceId();
    const spans = tracesPayload(SERVICE, [
      { traceId, spanId: newSpanId() },
      { traceId, spanId: newSpanId() },
    ]);
    const records = logsPayload(SERVICE, [
      { traceId, body: "the same time and trace", attributes: { request_id: "rq-once" } },
      { traceId, body: "the same time and trace, another body", attributes: { request_id: "rq-once" } },
    ]);
    try {
      // A client retrying a request the collector took (its answer lost): the very same payload again.
      for (let copy = 0; copy < 2; copy++) {
        assert.equal(await postOtlp(collector.otlpHttpUrl, "traces", spans), 200);
        assert.equal(await postOtlp(collector.otlpHttpUrl, "logs", records), 200);
      }
      const byTrace = { term: { "TraceId.keyword": traceId } };
      // Both copies are written (the exporter's counter says so); the second overwrites the first.
      await pollUntil(async () => {
        const text = await (await fetch(`${collector.telemetryUrl}/metrics`)).text();
        const written = text.split("\n").filter((line) => line.startsWith("otelcol_elasticsearch_docs_processed_total") && line.includes('outcome="success"'));
        return written.reduce((sum, line) => sum + Number(line.split(" ").at(-1)), 0) >= 8;
      }, "8 documents written by the exporter (2 spans and 2 log records, twice)");
      assert.equal(await search(url, traces, byTrace), 2, "two spans");
      assert.equal(await search(url, logs, byTrace), 2, "two log records");
    } finally {
      await collector.stop();
    }
    // Written straight with the exporter's bulk action, `create`, which would refuse an existing id: overwritten instead.
    const direct = [{ create: { _index: traces } }, { "@timestamp": new Date().toISOString(), TraceId: traceId, SpanId: "00000000000000aa", Name: "direct" }];
    const answer = await bulk(url, [...direct, ...direct]);
    assert.equal(answer.errors, false, JSON.stringify(answer.items));
    // Answered as `index` items: the store's action filter turned each create into an index.
    assert.deepEqual(
      answer.items.map((item) => [item.index?._id, item.index?.status]),
      [
        [`${traceId}00000000000000aa`, 201],
        [`${traceId}00000000000000aa`, 200],
      ],
    );
  });

  it("stores a Jaeger span once when Jaeger's writer sends it twice (no id, as after a collector's re-send)", async () => {
    const index = "jaeger-jaeger-span-2026-12-03";
    const traceID = newTraceId();
    const span = { traceID, spanID: "00000000000000bb", operationName: "POST /v1/matches", startTime: Date.now() * 1000, process: { serviceName: SERVICE } };
    // Jaeger's bulk action for a span: `index`, with no _id.
    const lines = [{ index: { _index: index } }, span];
    const answer = await bulk(url, [...lines, ...lines]);
    assert.equal(answer.errors, false, JSON.stringify(answer.items));
    assert.deepEqual(
      answer.items.map((item) => [item.index?._id, item.index?.status]),
      [
        [`${traceID}-00000000000000bb`, 201],
        [`${traceID}-00000000000000bb`, 200],
      ],
    );
    assert.equal(await search(url, index, { term: { traceID } }), 1, "one document for the span");
  });

  it("stores a Jaeger span once through Jaeger's write alias; after a rollover the new index has the id pipeline too, and a re-send is a second copy", async () => {
    assert.deepEqual(await applyRollover(url), []);
    const traceID = newTraceId();
    const span = { traceID, spanID: "00000000000000cc", operationName: "POST /v1/matches", startTime: Date.now() * 1000, process: { serviceName: SERVICE } };
    const lines = [{ index: { _index: "jaeger-jaeger-span-write" } }, span];
    assert.equal((await bulk(url, [...lines, ...lines])).errors, false);
    assert.equal(await search(url, "jaeger-jaeger-span-read", { term: { traceID } }), 1, "one document for the span");
    assert.equal(await rollover(url, "jaeger-jaeger-span-write"), "jaeger-jaeger-span-000002");
    const again = await bulk(url, [...lines, ...lines]);
    assert.deepEqual(
      again.items.map((item) => [item.index?._index, item.index?._id]),
      [
        ["jaeger-jaeger-span-000002", `${traceID}-00000000000000cc`],
        ["jaeger-jaeger-span-000002", `${traceID}-00000000000000cc`],
      ],
    );
    // Ids are unique per index only (rollover.ts): rare, a rollover comes at a slice of the store's cap.
    assert.equal(await search(url, "jaeger-jaeger-span-read", { term: { traceID } }), 2, "one copy per index");
  });

  it("keeps a document the store refuses in the dead-letter index, and the exporter counts it", async () => {
    const traces = "otel-traces-refused";
    // The gateway's own limit cuts a span name at 4 KiB (transform/limits): raised here, so the store sees the long one.
    const env = { ELASTICSEARCH_ENDPOINT: url, ELASTICSEARCH_TRACES_INDEX: traces, COLLECTOR_MAX_ATTRIBUTE_BYTES: "100000" };
    const collector = await startCollector(collectorBinary, [], env);
    const traceId = newTraceId();
    try {
      // A span name is a keyword: one term of 40 000 bytes is over Lucene's limit (32 766), refused with 400.
      assert.equal(await postOtlp(collector.otlpHttpUrl, "traces", tracesPayload(SERVICE, [{ traceId, spanId: newSpanId(), name: "x".repeat(40_000) }])), 200);
      const letters = await pollUntil(
        async () => {
          await refresh(url, DEAD_LETTER_INDEX);
          const { sources } = await searchIndex<DeadLetter>(url, DEAD_LETTER_INDEX, { query: { term: { index: traces } } });
          return sources.length > 0 && sources;
        },
        `the refused span in ${DEAD_LETTER_INDEX}`,
        { timeoutMs: 60_000 },
      );
      // The exporter's retries of the same document (retry_on_status has 400) overwrite one letter.
      assert.equal(letters.length, 1);
      assert.equal(letters[0]!.status, 400);
      assert.equal(letters[0]!.error.type, "illegal_argument_exception");
      assert.match(letters[0]!.document, new RegExp(traceId));
      const refused = await pollUntil(
        async () => {
          const text = await (await fetch(`${collector.telemetryUrl}/metrics`)).text();
          const lines = text.split("\n").filter((line) => line.startsWith("otelcol_elasticsearch_docs_processed_total") && !line.includes('outcome="success"'));
          return lines.length > 0 && lines;
        },
        "the exporter's count of refused documents",
        { timeoutMs: 60_000 },
      );
      console.log(refused.join("\n"));
      assert.ok(refused.some((line) => Number(line.split(" ").at(-1)) >= 1));
    } finally {
      await collector.stop();
    }
  });
});

interface DeadLetter {
  index: string;
  status: number;
  error: { type: string; message: string };
  document: string;
}

/** Documents per Resource.service.name: a terms aggregation, which a flat field would not allow. */
async function services(url: string, index: string): Promise<Record<string, number>> {
  const { buckets } = await searchIndex(url, index, { size: 0, aggs: { services: { terms: { field: "Resource.service.name" } } } });
  return Object.fromEntries((buckets.services ?? []).map(({ key, doc_count }) => [key, doc_count]));
}
