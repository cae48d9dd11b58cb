// Query parameters of the console's pages: each one checked against what it may be, so a bad
// value gets a 400 page that says which parameter and why, never a backend query built from it.
import { HttpError } from "../http/index.ts";

export type Query = Record<string, unknown>;

/** Time ranges a page offers, in seconds. */
export const RANGES = { "15m": 900, "1h": 3_600, "6h": 21_600, "24h": 86_400, "7d": 604_800 } as const;
export type RangeName = keyof typeof RANGES;

export const LEVELS = ["error", "warn", "info", "debug"] as const;

export const PATTERNS = {
  traceId: /^[0-9a-f]{32}$/,
  /** What the services keep of an X-Request-ID, and a trace id. */
  requestOrTraceId: /^[\w.:-]{1,128}$/,
  service: /^[\w.-]{1,64}$/,
};

function single(query: Query, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw new HttpError("invalid_query", `${name} is given more than once`);
  return value.trim() || undefined;
}

export function matching(query: Query, name: string, pattern: RegExp, what: string): string | undefined {
  const value = single(query, name);
  if (value !== undefined && !pattern.test(value)) throw new HttpError("invalid_query", `${name} must be ${what}; got ${JSON.stringify(value.slice(0, 80))}`);
  return value;
}

export function oneOf<T extends string>(query: Query, name: string, allowed: readonly T[], fallback: T): T;
export function oneOf<T extends string>(query: Query, name: string, allowed: readonly T[]): T | undefined;
export function oneOf<T extends string>(query: Query, name: string, allowed: readonly T[], fallback?: T): T | undefined {
  const value = single(query, name);
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T))
    throw new HttpError("invalid_query", `${name} must be one of ${allowed.join(", ")}; got ${JSON.stringify(value.slice(0, 80))}`);
  return value as T;
}

export function rangeOf(query: Query, fallback: RangeName = "1h"): RangeName {
  return oneOf(query, "range", Object.keys(RANGES) as RangeName[], fallback);
}

export function pageNumber(query: Query, max = 100): number {
  const value = single(query, "page");
  if (value === undefined) return 1;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > max)
    throw new HttpError("invalid_query", `page must be a whole number from 1 to ${max}; got ${JSON.stringify(value.slice(0, 20))}`);
  return number;
}

export function text(query: Query, name: string, maxLength = 200): string | undefined {
  const value = single(query, name);
  if (value !== undefined && value.length > maxLength) throw new HttpError("invalid_query", `${name} is longer than ${maxLength} characters`);
  return value;
}
