// The request id: its names (header, baggage key, span attribute, log field) and the active context's.
export * from "./names.ts";
export { isSaneRequestId, requestIdFrom, withRequestId } from "./context.ts";
