// JSON over HTTP for every backend client: one timeout policy, and one error that names the call
// (method, URL) and why it failed (no connection, no answer in time, an HTTP status and the body's start).

/** How long a backend call may take unless the caller says otherwise (a count over a large index may need more). */
export const BACKEND_TIMEOUT_MS = 10_000;

export interface CallOptions {
  method?: "GET" | "POST" | "PUT" | "DELETE" | "HEAD";
  headers?: Record<string, string>;
  /** An object is sent as JSON; URLSearchParams as a form (Prometheus takes long queries that way); a
   * string as it is, under the content type given in `headers` (the Elasticsearch API's NDJSON bulk). */
  body?: object | URLSearchParams | string;
  timeoutMs?: number;
}

export class BackendError extends Error {
  override readonly name = "BackendError";
  /** The URL called, query string included. */
  readonly url: string;
  /** The HTTP status, when the backend answered. */
  readonly status: number | undefined;

  constructor(method: string, url: string, problem: string, { status, cause }: { status?: number; cause?: unknown } = {}) {
    // The message names origin and path: a query string can be long, and the whole URL stays in `url`.
    const { origin, pathname } = new URL(url);
    super(`${method} ${origin}${pathname}: ${problem}`, { cause });
    this.url = url;
    this.status = status;
  }
}

/** Appends query parameters, leaving out those that are undefined. */
export function withQuery(url: string, params: Record<string, string | number | boolean | undefined>): string {
  const query = new URLSearchParams(Object.entries(params).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]])));
  const text = query.toString();
  return text ? `${url}?${text}` : url;
}

function encode(body: CallOptions["body"]): { body?: string | URLSearchParams; type?: string } {
  if (body === undefined) return {};
  if (body instanceof URLSearchParams || typeof body === "string") return { body };
  return { body: JSON.stringify(body), type: "application/json" };
}

export async function callJson<T>(url: string, { method, headers = {}, body, timeoutMs = BACKEND_TIMEOUT_MS }: CallOptions = {}): Promise<T> {
  const verb = method ?? (body === undefined ? "GET" : "POST");
  const encoded = encode(body);
  const response = await fetch(url, {
    method: verb,
    headers: encoded.type ? { "content-type": encoded.type, ...headers } : headers,
    body: encoded.body,
    signal: AbortSignal.timeout(timeoutMs),
  }).catch((error: Error & { cause?: { code?: string; message?: string } }) => {
    // fetch says only "fetch failed"; the cause says why (ECONNREFUSED, a timeout).
    const why = error.name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : (error.cause?.code ?? error.cause?.message ?? error.message);
    throw new BackendError(verb, url, why, { cause: error });
  });
  const text = await response.text();
  if (!response.ok) throw new BackendError(verb, url, `answered ${response.status}: ${text.slice(0, 300)}`, { status: response.status });
  // Some writes answer 200 with no body (Alertmanager's POST /api/v2/alerts), and HEAD never has one.
  if (text === "") return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new BackendError(verb, url, `answered ${response.status} with no JSON: ${text.slice(0, 100)}`, { status: response.status, cause: error });
  }
}
