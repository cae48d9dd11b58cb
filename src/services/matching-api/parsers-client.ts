// Calls cv-parser and job-parser over HTTP (fetch: instrumented, so trace context and baggage
// travel with it). Failures become clear problems: the caller learns which parser failed and how.
import { envNumber, envString } from "../../config/index.ts";
import { type ProblemDetails } from "../../http/index.ts";
import { HttpError } from "../shared/error-codes.ts";
import { REQUEST_ID_HEADER, requestIdFrom } from "../../request/index.ts";
import type { ParsedCv, ParsedJob } from "../../domain/types.ts";

export interface ParserEndpoints {
  cvParserUrl: string;
  jobParserUrl: string;
  timeoutMs: number;
}

export function readParserEndpoints(env = process.env): ParserEndpoints {
  return {
    cvParserUrl: envString("CV_PARSER_URL", "http://127.0.0.1:8081", env).replace(/\/+$/, ""),
    jobParserUrl: envString("JOB_PARSER_URL", "http://127.0.0.1:8082", env).replace(/\/+$/, ""),
    timeoutMs: envNumber("PARSER_TIMEOUT_MS", 10_000, { min: 50, integer: true }, env),
  };
}

function isConnectionFailure(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } } | null)?.cause;
  return ["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EHOSTUNREACH", "UND_ERR_SOCKET"].includes(cause?.code ?? "");
}

async function post<T>(service: string, url: string, text: string, field: string, timeoutMs: number): Promise<T> {
  const requestId = requestIdFrom();
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "text/plain; charset=utf-8", ...(requestId ? { [REQUEST_ID_HEADER]: requestId } : {}) },
      body: text,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    if ((error as Error).name === "TimeoutError") {
      throw new HttpError("upstream_timeout", `${service} did not answer within ${timeoutMs} ms`, { cause: error });
    }
    if (isConnectionFailure(error)) throw new HttpError("upstream_unavailable", `${service} is unreachable`, { cause: error });
    throw new HttpError("upstream_failed", `${service} call failed: ${(error as Error).message}`, { cause: error });
  }
  if (response.ok) return (await response.json()) as T;
  const problem = (await response.json().catch(() => ({}))) as Partial<ProblemDetails>;
  const detail = problem.detail ?? `HTTP ${response.status}`;
  if (response.status < 500) {
    // The caller's document was refused: their error, reported under the field they sent.
    throw new HttpError("invalid_request", `${field}: ${detail}`, { status: response.status === 413 ? 413 : 422 });
  }
  const cause = new Error(`${service} answered ${response.status}: ${detail}`);
  // A problem with our code came from one of our services, which reported it to Sentry itself.
  const reportedDownstream = typeof problem.code === "string";
  if (response.status === 503) throw new HttpError("upstream_unavailable", `${service} is unavailable: ${detail}`, { cause, reportedDownstream });
  throw new HttpError("upstream_failed", `${service} failed: ${detail}`, { cause, reportedDownstream });
}

export function createParsersClient(endpoints: ParserEndpoints = readParserEndpoints()) {
  const { cvParserUrl, jobParserUrl, timeoutMs } = endpoints;
  const ready = async (service: string, url: string) => {
    const response = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new Error(`${service} /ready answered ${response.status}`);
  };
  return {
    parseCv: (text: string, field = "cv") => post<ParsedCv>("cv-parser", `${cvParserUrl}/v1/cvs/parse`, text, field, timeoutMs),
    parseJob: (text: string, field = "job") => post<ParsedJob>("job-parser", `${jobParserUrl}/v1/jobs/parse`, text, field, timeoutMs),
    readinessChecks: {
      "cv-parser": () => ready("cv-parser", cvParserUrl),
      "job-parser": () => ready("job-parser", jobParserUrl),
    },
  };
}

export type ParsersClient = ReturnType<typeof createParsersClient>;
