// One error class for every error response (RFC 9457 problem details) and one table of error codes,
// owned here. The generic HTTP codes are written below; a layer above (the services) adds its own
// with registerErrorCodes() and names them for the type checker by extending ErrorCodeTables, so
// this layer never imports the one above it (src/services/shared/error-codes.ts does both).

/** What any HTTP layer of ours can answer, whatever the service. */
export const HTTP_ERROR_CODES = {
  empty_body: { status: 400, title: "The request body is empty" },
  invalid_json: { status: 400, title: "The request body is not valid JSON" },
  invalid_encoding: { status: 400, title: "The request body is not valid UTF-8 text" },
  invalid_request: { status: 422, title: "The request is missing fields or has fields of the wrong type" },
  invalid_query: { status: 400, title: "A query parameter is malformed" },
  unsupported_media_type: { status: 415, title: "The content type is not supported" },
  payload_too_large: { status: 413, title: "The request body is too large" },
  unauthorized: { status: 401, title: "Missing or wrong credentials" },
  forbidden: { status: 403, title: "Not allowed from this address" },
  unknown_host: { status: 421, title: "This server does not answer for that host name" },
  not_found: { status: 404, title: "No such resource" },
  method_not_allowed: { status: 405, title: "The method is not allowed here" },
  // Any server of ours that calls another (the matching API its parsers, the console the backends).
  upstream_failed: { status: 502, title: "A downstream service failed" },
  upstream_unavailable: { status: 503, title: "A downstream service is unavailable" },
  upstream_timeout: { status: 504, title: "A downstream service did not answer in time" },
  internal: { status: 500, title: "Internal error" },
} as const satisfies Record<string, ErrorCodeEntry>;

export interface ErrorCodeEntry {
  status: number;
  title: string;
}

/** The tables of codes, by owner; `declare module` in the owner's file adds one. */
export interface ErrorCodeTables {
  http: typeof HTTP_ERROR_CODES;
}

export type ErrorCode = { [Owner in keyof ErrorCodeTables]: keyof ErrorCodeTables[Owner] & string }[keyof ErrorCodeTables];

const ERROR_CODES = new Map<string, ErrorCodeEntry>(Object.entries(HTTP_ERROR_CODES));

/** Adds a layer's codes to the one table; a code already there with another meaning is a mistake. */
export function registerErrorCodes(table: Record<string, ErrorCodeEntry>): void {
  for (const [code, entry] of Object.entries(table)) {
    const known = ERROR_CODES.get(code);
    if (known && (known.status !== entry.status || known.title !== entry.title)) throw new Error(`error code ${code} is registered twice, differently`);
    ERROR_CODES.set(code, entry);
  }
}

/** A code's status and title; an unregistered one (its table's module never loaded) answers as internal. */
export function errorCodeEntry(code: ErrorCode): ErrorCodeEntry {
  return ERROR_CODES.get(code) ?? HTTP_ERROR_CODES.internal;
}

export interface HttpErrorOptions {
  cause?: unknown;
  status?: number;
  /** A service of ours downstream already reported this failure to Sentry: report it once. */
  reportedDownstream?: boolean;
}

export class HttpError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly reportedDownstream: boolean;

  constructor(code: ErrorCode, message?: string, options: HttpErrorOptions = {}) {
    super(message ?? errorCodeEntry(code).title, { cause: options.cause });
    this.name = "HttpError";
    this.code = code;
    this.status = options.status ?? errorCodeEntry(code).status;
    this.reportedDownstream = options.reportedDownstream ?? false;
  }
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  requestId?: string;
  traceId?: string;
}

export function problemOf(error: HttpError, ids: { requestId?: string; traceId?: string } = {}): ProblemDetails {
  return {
    type: `urn:otel-gateway:problem:${error.code}`,
    title: errorCodeEntry(error.code).title,
    status: error.status,
    code: error.code,
    detail: error.message,
    ...ids,
  };
}

/** Maps what Express and body parsers throw onto our codes; anything unknown is a 500. */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  const candidate = error as { type?: string; status?: number; message?: string } | null;
  if (candidate?.type === "entity.too.large") return new HttpError("payload_too_large", undefined, { cause: error });
  if (candidate?.type === "entity.parse.failed") return new HttpError("invalid_json", undefined, { cause: error });
  if (candidate?.type === "encoding.unsupported" || candidate?.type === "charset.unsupported") {
    return new HttpError("unsupported_media_type", candidate.message, { cause: error });
  }
  return new HttpError("internal", undefined, { cause: error });
}
