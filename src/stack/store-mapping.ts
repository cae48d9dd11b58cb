// The log and span indices' mapping, made total: no attribute shape can get a document rejected.
// With dynamic mapping the first document decides a field's type, and a later one that disagrees
// is refused (mapper_parsing_exception): our `code: "E1"` against a foreign SDK's `code.file.path`
// (object under code), or a string against a number. So every attribute, event attribute and map
// body goes into one field of type flat_object (OpenSearch) / flattened (Elasticsearch), where any
// shape is a keyword leaf, searchable by its dotted path (`Attributes.request_id`); the fields
// people search by stay typed. The exporter writes those as dotted top-level keys
// ("Attributes.code"), which a flat field refuses, so a default ingest pipeline first gathers them
// into one object. Resource attributes, which any SDK or detector may send in any shape, go into one
// such field too (ResourceFields), with `Resource.service.name` kept as a typed keyword beside it.
// A document refused all the same is kept by the native store in the dead-letter index, whose
// mapping takes anything (src/stack/opensearch/Main.java). Applied by the native stack at start and
// by compose's store-setup service.
import { fileURLToPath } from "node:url";
import { distribution, fieldMappings, putIndexSettings, putIndexTemplate, putIngestPipeline, putLegacyTemplate } from "../backends/elasticsearch-admin.ts";
import { REFRESH_INTERVAL } from "./components/opensearch.ts";

export const STORE_INDICES = ["otel-logs*", "otel-traces*"];
export const DEAD_LETTER_INDEX = "otel-dead-letter";
const PIPELINE = "otel-gateway-flat-attributes";
const TEMPLATE = "otel-gateway-store";
const DEAD_LETTER_TEMPLATE = "otel-gateway-dead-letter";

/**
 * "Attributes.code.file.path" → Attributes: { "code.file.path": … }; a map body goes to BodyFields,
 * the resource to ResourceFields (its service.name, when a string, stays where it was, typed).
 */
const gatherScript = `
for (String prefix : params.targets.keySet()) {
  String dotted = prefix + '.';
  Map moved = new HashMap();
  for (String key : new ArrayList(ctx.keySet())) {
    if (key.startsWith(dotted)) moved.put(key.substring(dotted.length()), ctx.remove(key));
  }
  Object whole = ctx.get(prefix);
  if (whole instanceof Map) { moved.putAll((Map) whole); ctx.remove(prefix); }
  if (moved.isEmpty()) continue;
  ctx.put(params.targets[prefix], moved);
  if (prefix == 'Resource') {
    Object service = moved.get('service');
    Object name = moved.containsKey('service.name') ? moved.get('service.name') : (service instanceof Map ? ((Map) service).get('name') : null);
    if (name instanceof String) ctx.put('Resource.service.name', name);
  }
}`;

/**
 * Each span and log record stored once: a retried bulk request (a hand-over the store took but did not
 * answer in time) writes the same document id again, which overwrites instead of adding a copy. A span is
 * its trace id + span id; a log record has no id of its own, so it is the digest of all its fields (time,
 * trace and span id, severity, body, attributes, resource, scope), taken before they are gathered. Here
 * rather than in the exporter: this release (v0.145) sets ids for log records only, and the store's
 * pipeline holds for both engines and any writer. An id the writer gave is kept.
 */
const idScript = `
if (ctx._id != null) return;
String index = ctx._index;
if (index.startsWith('otel-traces')) {
  if (ctx.TraceId instanceof String && ctx.SpanId instanceof String) ctx._id = ctx.TraceId + ctx.SpanId;
} else if (index.startsWith('otel-logs')) {
  Map identity = new TreeMap();
  for (String key : ctx.keySet()) if (!key.startsWith('_')) identity.put(key, ctx.get(key));
  ctx._id = identity.toString().sha256();
}`;

const keywordWithAlias = { type: "keyword", fields: { keyword: { type: "keyword" } } };

export function storeTemplate(flatType: "flat_object" | "flattened") {
  return {
    index_patterns: STORE_INDICES,
    priority: 200,
    template: {
      // One template owns these indices (the highest priority wins alone), so it also carries the
      // refresh interval of the freshness goal (src/stack/components/opensearch.ts).
      settings: { "index.default_pipeline": PIPELINE, "index.refresh_interval": REFRESH_INTERVAL },
      mappings: {
        // Resource and Scope keep their (semantic-convention) object shape; a new string there is a keyword.
        dynamic_templates: [{ strings_as_keywords: { match_mapping_type: "string", mapping: keywordWithAlias } }],
        properties: {
          "@timestamp": { type: "date_nanos" },
          EndTimestamp: { type: "date_nanos" },
          // The `.keyword` sub-fields keep queries written against the old dynamic mapping working.
          TraceId: keywordWithAlias,
          SpanId: keywordWithAlias,
          ParentSpanId: keywordWithAlias,
          Name: keywordWithAlias,
          Kind: keywordWithAlias,
          SeverityText: keywordWithAlias,
          SeverityNumber: { type: "integer" },
          TraceFlags: { type: "integer" },
          TraceStatus: { type: "integer" },
          Duration: { type: "long" },
          Body: { type: "text", fields: { keyword: { type: "keyword", ignore_above: 1024 } } },
          BodyFields: { type: flatType },
          Attributes: { type: flatType },
          Events: { type: flatType },
          // Only service.name is left here (typed, for terms aggregations); every resource attribute is in ResourceFields.
          Resource: { properties: { service: { properties: { name: keywordWithAlias } } } },
          ResourceFields: { type: flatType },
        },
      },
    },
  };
}

export const storePipeline = {
  description:
    "otel-gateway: a deterministic id per span and log record; Attributes.*, Events.*, Body.* and Resource.* gathered into one object each, for their flat field",
  processors: [
    { script: { lang: "painless", source: idScript.trim() } },
    {
      script: {
        lang: "painless",
        source: gatherScript.trim(),
        params: { targets: { Attributes: "Attributes", Events: "Events", Body: "BodyFields", Resource: "ResourceFields" } },
      },
    },
  ],
};

/** What the store refused, with why: nothing in `document` is mapped (dynamic: false), so nothing there can be refused again. */
export const deadLetterTemplate = {
  index_patterns: [`${DEAD_LETTER_INDEX}*`],
  priority: 200,
  template: {
    settings: { "index.refresh_interval": REFRESH_INTERVAL },
    mappings: {
      dynamic: false,
      properties: {
        "@timestamp": { type: "date" },
        index: { type: "keyword" },
        status: { type: "integer" },
        error: { properties: { type: { type: "keyword" }, message: { type: "text" } } },
      },
    },
  },
};

/**
 * Jaeger's spans stored once too: its writer sends each span with no id, so a batch the collector re-sends
 * (a kill -9 before its queue marked the batch done) would be a second copy. Jaeger (this release) makes
 * its span indices from a legacy template (`_template`, ES 7 style, which it uses for OpenSearch), and
 * legacy templates merge: this one only adds the pipeline that makes the id trace id + span id.
 * Elasticsearch 8+ gets Jaeger's composable templates, which take no addition: compose is not covered.
 */
const JAEGER_SPAN_PIPELINE = "otel-gateway-jaeger-span-id";
const JAEGER_SPAN_TEMPLATE = "otel-gateway-jaeger-span-id";
const JAEGER_SPAN_INDICES = "*jaeger-span-*";

export const jaegerSpanPipeline = {
  description: "otel-gateway: one document per Jaeger span, its id the trace id and span id",
  processors: [
    {
      script: {
        lang: "painless",
        source: "if (ctx._id == null && ctx.traceID instanceof String && ctx.spanID instanceof String) ctx._id = ctx.traceID + '-' + ctx.spanID;",
      },
    },
  ],
};

// The refresh interval of the freshness goal too: Jaeger's own template leaves the store's 1 s.
const jaegerSpanSettings = { "index.default_pipeline": JAEGER_SPAN_PIPELINE, "index.refresh_interval": REFRESH_INTERVAL };
export const jaegerSpanTemplate = { index_patterns: [JAEGER_SPAN_INDICES], order: 100, settings: jaegerSpanSettings };

async function applyJaegerSpanIds(baseUrl: string, store: string | undefined): Promise<void> {
  if (store !== "opensearch") return;
  await putIngestPipeline(baseUrl, JAEGER_SPAN_PIPELINE, jaegerSpanPipeline);
  await putLegacyTemplate(baseUrl, JAEGER_SPAN_TEMPLATE, jaegerSpanTemplate);
  // Today's index may predate the template (a stack upgraded in place).
  await putIndexSettings(baseUrl, JAEGER_SPAN_INDICES, jaegerSpanSettings);
}

/** Idempotent. Returns the indices that predate the template (their mapping stays dynamic until deleted). */
export async function applyStoreMapping(baseUrl: string): Promise<string[]> {
  const store = await distribution(baseUrl);
  const flatType = store === "opensearch" ? "flat_object" : "flattened";
  await applyJaegerSpanIds(baseUrl, store);
  await putIngestPipeline(baseUrl, PIPELINE, storePipeline);
  await putIndexTemplate(baseUrl, TEMPLATE, storeTemplate(flatType));
  await putIndexTemplate(baseUrl, DEAD_LETTER_TEMPLATE, deadLetterTemplate);
  // An index made under an older version of the template lacks the flat resource field.
  return Object.entries(await fieldMappings(baseUrl, STORE_INDICES))
    .filter(([, fields]) => fields.Attributes?.type !== flatType || fields.ResourceFields?.type !== flatType)
    .map(([index]) => index);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // compose: node src/stack/store-mapping.ts http://elasticsearch:9200
  const url = process.argv[2] ?? process.env.ELASTICSEARCH_ENDPOINT ?? "http://127.0.0.1:9200";
  const stale = await applyStoreMapping(url);
  console.log(`store mapping applied to ${url}${stale.length ? `; older indices keep their dynamic mapping: ${stale.join(", ")}` : ""}`);
}
