// Metric views shared by every reader: per-request identifiers never become labels,
// and every instrument has a bounded number of series.
import { createDenyListAttributesProcessor, type ViewOptions } from "@opentelemetry/sdk-metrics";
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

export function createViews(): ViewOptions[] {
  return [
    {
      instrumentName: "*",
      attributesProcessors: [createDenyListAttributesProcessor(PER_REQUEST_ATTRIBUTES)],
      aggregationCardinalityLimit: CARDINALITY_LIMIT,
    },
  ];
}
