// What every service's HTTP layer shares: request context (request id, traceresponse), problem
// details (the one HttpError and the one table of codes) and the health handlers.
export {
  errorCodeEntry,
  HTTP_ERROR_CODES,
  HttpError,
  problemOf,
  registerErrorCodes,
  toHttpError,
  type ErrorCode,
  type ErrorCodeEntry,
  type ErrorCodeTables,
  type ProblemDetails,
} from "./errors.ts";
export { livenessHandler, observeReadiness, readinessHandler, readiness, type HealthCheck, type Readiness } from "./health.ts";
export { requestContext, problemHandler, notFound, traceresponseOf } from "./http.ts";
