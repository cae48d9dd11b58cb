// The request id under each of its names, defined once. A caller sends it (or gets one made) in a
// header; it travels between our services in baggage; it is an attribute of each server span and a
// field of every log record and a tag of every error event. Search by these names: Jaeger
// tags={"app.request.id":"…"}, Elasticsearch Attributes.request_id:"…", Bugsink's request_id tag.

/** The HTTP header a caller may set and every response echoes (header names are case-insensitive). */
export const REQUEST_ID_HEADER = "x-request-id";
/** The W3C baggage entry that carries the id from one of our services to the next. */
export const REQUEST_ID_BAGGAGE_KEY = "app.request.id";
/** The attribute of each server span; our custom attributes live under `app.`. */
export const REQUEST_ID_ATTRIBUTE = "app.request.id";
/** The field of every log record (both log paths) and the tag of every Sentry event. */
export const REQUEST_ID_LOG_FIELD = "request_id";
/** The service's name on every log record: the semantic-convention key, as on the resource. */
export const SERVICE_NAME_LOG_FIELD = "service.name";
