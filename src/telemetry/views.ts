// Metric views shared by every reader: per-request identifiers never become labels,
// and every instrument has a bounded number of series.
import type { Attributes, Context } from "@opentelemetry/api";
import { createDenyListAttributesProcessor, type IAttributesProcessor, type ViewOptions } from "@opentelemetry/sdk-metrics";
import { REQUEST_ID_ATTRIBUTE, REQUEST_ID_HEADER } from "../request/index.ts";

/** Attributes that are unique per request (or personal): fine on a span, ruinous on a metric. */
export const PER_REQUEST_ATTRIBUTES = [
  REQUEST_ID_ATTRIBUTE,
  `http.request.header.${REQUEST_ID_HEADER}`,
  "url.full",
  "url.query",
  "user.id",
  "user.email",
  "client.address",
  "network.peer.address",
  "network.peer.port",
  "client.port",
];

export const CARDINALITY_LIMIT = 500;

/**
 * The SDK's deny list copies every attribute set it is handed, on every recording (about a sixth of the
 * metrics SDK's CPU a request); almost none carries a denied key, so those pass through untouched.
 */
function dropPerRequestAttributes(): IAttributesProcessor {
  const denied = new Set(PER_REQUEST_ATTRIBUTES);
  const denyList = createDenyListAttributesProcessor(PER_REQUEST_ATTRIBUTES);
  return {
    process(incoming: Attributes, context?: Context): Attributes {
      for (const key in incoming) if (denied.has(key)) return denyList.process(incoming, context);
      return incoming;
    },
  };
}

export function createViews(): ViewOptions[] {
  return [
    {
      instrumentName: "*",
      attributesProcessors: [dropPerRequestAttributes()],
      aggregationCardinalityLimit: CARDINALITY_LIMIT,
    },
  ];
}
