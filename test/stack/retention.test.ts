// Retention on the real store: a fresh OpenSearch node with the store's template and its aliases, log
// records and spans a few days old and older than LOG_RETENTION_DAYS in the write indices; after the
// retention job has run, the old ones are gone, the newer ones stay and are still found by request id
// and trace id. Indices rolled over before the retention are dropped whole; the write index never.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { opensearchComponent } from "../../src/stack/components/opensearch.ts";
import { provisionOpenSearch } from "../../src/stack/provision/opensearch.ts";
import { deleteExpired, dropExpiredIndices, retentionDays, startRetention } from "../../src/stack/retention/native.ts";
import { applyRollover } from "../../src/stack/retention/rollover.ts";
import { deleteExpiredJaegerIndices } from "../../src/stack/retention/jaeger.ts";
import { applyStoreMapping } from "../../src/stack/store-mapping.ts";
import { Supervisor } from "../../src/stack/supervisor.ts";
import { count as countDocuments, logsOfRequest, logsOfTrace } from "../../src/backends/index.ts";
import { createIndex, deleteIndices, indexExists, listIndices, rollover } from "../../src/backends/elasticsearch-admin.ts";
import { bulk, indexDocument } from "../../src/backends/elasticsearch-data.ts";
import { newSpanId, newTraceId } from "../support/otlp-json.ts";
import { pollUntil } from "../../src/lifecycle/poll.ts";
import { freePort } from "../support/ports.ts";
import { captureWarnings } from "../support/warnings.ts";

const DAY_MS = 86_400_000;
/** Each document: its age in days, and whether a 7-day retention keeps it. */
const AGES = [
  { age: 0, kept: true },
  { age: 3, kept: true },
  { age: 6.5, kept: true },
  { age: 7.5, kept: false },
  { age: 30, kept: false },
];

describe("LOG_RETENTION_DAYS", () => {
  it("takes whole days, and a bad value warns once naming the default of 7 days used", async () => {
    assert.equal(retentionDays({}), 7);
    assert.equal(retentionDays({ LOG_RETENTION_DAYS: "3" }), 3);
    const warnings = await captureWarnings(() => {
      assert.equal(retentionDays({ LOG_RETENTION_DAYS: "a week" }), 7);
      assert.equal(retentionDays({ LOG_RETENTION_DAYS: "a week" }), 7);
    });
    assert.deepEqual(warnings, ['LOG_RETENTION_DAYS="a week" is not an integer; using 7']);
  });
});

describe(
  "the retention job against a real OpenSearch node",
  { timeout: 5 * 60_000, skip: process.env.OTEL_GATEWAY_SKIP_STACK === "1" && "OTEL_GATEWAY_SKIP_STACK=1" },
  () => {
    const supervisor = new Supervisor(mkdtempSync(join(tmpdir(), "retention-")));
    const docs = AGES.map(({ age, kept }) => ({
      age,
      kept,
      requestId: `rq-age-${age}`,
      traceId: newTraceId(),
      at: new Date(Date.now() - age * DAY_MS).toISOString(),
    }));
    let url: string;

    const count = (index: string, query: object) => countDocuments(url, index, query);

    before(async () => {
      const [{ java, jar }, port, transportPort] = await Promise.all([provisionOpenSearch(), freePort(), freePort()]);
      const node = await supervisor.start(
        opensearchComponent({ java, jar, port, transportPort, dataDir: mkdtempSync(join(tmpdir(), "opensearch-")), javaOpts: "-Xms256m -Xmx512m" }),
      );
      url = node.component.url;
      await applyStoreMapping(url);
      assert.deepEqual(await applyRollover(url), []);
      // As the collector's elasticsearch exporter writes them (mapping mode none: dotted top-level keys).
      const lines = docs.flatMap(({ requestId, traceId, at }) => [
        { create: { _index: "otel-logs" } },
        {
          "@timestamp": at,
          TraceId: traceId,
          SeverityText: "INFO",
          Body: "a record",
          "Attributes.request_id": requestId,
          "Resource.service.name": "retention-test",
        },
        { create: { _index: "otel-traces" } },
        {
          "@timestamp": at,
          TraceId: traceId,
          SpanId: newSpanId(),
          Name: "probe",
          "Attributes.request_id": requestId,
          "Resource.service.name": "retention-test",
        },
      ]);
      const result = await bulk(url, lines);
      assert.equal(result.errors, false, JSON.stringify(result.items).slice(0, 500));
    });
    after(() => supervisor.stopAll());

    it("deletes the log records and spans older than the retention, in one pass", async () => {
      const expired = docs.filter(({ kept }) => !kept).length;
      assert.equal(await deleteExpired(url, 7), 2 * expired, "one log record and one span per expired age");
      assert.equal(await deleteExpired(url, 7), 0, "a second pass finds nothing left to delete");
    });

    for (const { age, kept, requestId, traceId } of docs) {
      it(`${kept ? "keeps" : "has deleted"} the log record and span of ${age} days ago${kept ? ", found by request id and trace id" : ""}`, async () => {
        const byRequest = await logsOfRequest(url, requestId);
        const byTrace = await logsOfTrace(url, traceId);
        const spans = await count("otel-traces", { term: { "TraceId.keyword": traceId } });
        assert.deepEqual([byRequest.length, byTrace.length, spans], kept ? [1, 1, 1] : [0, 0, 0]);
        if (kept) assert.equal(byRequest[0]!.traceId, traceId);
      });
    }

    it("drops Jaeger's daily indices once their whole day is older than the retention, and keeps the others", async () => {
      const day = (ago: number) => new Date(Date.now() - ago * DAY_MS).toISOString().slice(0, 10);
      // Today, 7 days ago (its last span is younger than 7 days), 8 and 30 days ago.
      const indices = [0, 7, 8, 30].map((ago) => `jaeger-jaeger-span-${day(ago)}`);
      for (const index of [...indices, "jaeger-jaeger-service-" + day(30)]) await createIndex(url, index);
      const dropped = await deleteExpiredJaegerIndices(url, 7);
      assert.deepEqual(dropped.sort(), [indices[2], indices[3], "jaeger-jaeger-service-" + day(30)].sort());
      assert.deepEqual((await listIndices(url, "jaeger-*-20*")).sort(), [indices[0], indices[1]].sort());
      await deleteIndices(url, [indices[0]!, indices[1]!]);
    });

    it("runs at start (as npm start runs it) and reports what it deleted", async () => {
      const old = new Date(Date.now() - 2 * DAY_MS).toISOString();
      await indexDocument(url, "otel-logs", { "@timestamp": old, Body: "two days old" });
      const reports: string[] = [];
      const job = startRetention(url, { days: 1, report: (message) => reports.push(message) });
      try {
        await pollUntil(() => reports.length > 0, "a report from the retention job", { timeoutMs: 30_000, intervalMs: 200 });
      } finally {
        job.stop();
      }
      assert.match(reports[0]!, /^retention: deleted 5 log records and spans older than 1 d$/);
    });

    it("drops the indices rolled over more than the retention ago, whole, and never a write index", async () => {
      const jaegerSpan = { traceID: newTraceId(), spanID: newSpanId(), startTime: Date.now() * 1000 };
      await indexDocument(url, "jaeger-jaeger-span-write", jaegerSpan);
      assert.equal(await rollover(url, "otel-logs"), "otel-logs-000002");
      assert.equal(await rollover(url, "jaeger-jaeger-span-write"), "jaeger-jaeger-span-000002");
      const later = (days: number) => Date.now() + days * DAY_MS;
      assert.deepEqual(await dropExpiredIndices(url, 7, later(6.5)), [], "rolled over 6.5 days ago: kept");
      assert.deepEqual((await dropExpiredIndices(url, 7, later(7.5))).sort(), ["jaeger-jaeger-span-000001", "otel-logs-000001"]);
      for (const index of ["otel-logs-000002", "otel-traces-000001", "jaeger-jaeger-span-000002", "jaeger-jaeger-service-000001"])
        assert.ok(await indexExists(url, index), `${index} (a write index) kept`);
      assert.equal(await count("otel-logs", { match_all: {} }), 0, "the alias reads on, over its write index");
    });
  },
);
