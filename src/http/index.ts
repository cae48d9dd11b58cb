// What every service's HTTP layer shares: request context (request id, traceresponse), problem
// details (the one HttpError and its code tables) and the health handlers.
export { ERROR_CODES, HTTP_ERROR_CODES, HttpError, problemOf, toHttpError, type ErrorCode, type ProblemDetails } from "./errors.ts";
export { livenessHandler, observeReadiness, readinessHandler, readiness, type HealthCheck, type Readiness } from "./health.ts";
export { requestContext, problemHandler, notFound, traceresponseOf, REQUEST_ID_ATTRIBUTE } from "./http.ts";
export { requestIdFrom, REQUEST_ID_HEADER } from "./request-context.ts";
