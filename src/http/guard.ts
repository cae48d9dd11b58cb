// Who may read a page of ours that a browser opens (the console, the notification inbox): the checks
// both share, framework-free so that Express and a bare node:http server use the same code.
//   - a bearer token, or the same token given once as ?token= and kept in an HttpOnly cookie;
//   - the Host header against the names the server answers for (a DNS-rebinding page sends its own);
//   - the security headers every answer carries, refusals included.
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, OutgoingHttpHeaders } from "node:http";

/** The shortest token we accept (CONSOLE_TOKEN, ADMIN_TOKEN, NOTIFICATIONS_TOKEN, OTLP_BEARER_TOKEN). */
export const MIN_TOKEN_LENGTH = 16;

export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Why `value` of `variable` is not a usable token, or undefined when it is (or is unset). */
export function weakToken(variable: string, value: string | undefined): string | undefined {
  if (value === undefined || value.length >= MIN_TOKEN_LENGTH) return undefined;
  return `${variable} is ${value.length} characters long; use at least ${MIN_TOKEN_LENGTH} (e.g. $(openssl rand -hex 32)).`;
}

export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Pages show what the backends hold: nobody else's scripts, no framing, no sniffing, no referrer (a URL may carry ?token=). */
export const SECURITY_HEADERS: OutgoingHttpHeaders = {
  "content-security-policy":
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
};

/** The host names a server bound to `bindHost` answers for: loopback's, the bind address, and `extra` (comma-separated). */
export function allowedHostNames(bindHost: string, extra = ""): Set<string> {
  const names = ["localhost", "127.0.0.1", "[::1]", bindHost.includes(":") ? `[${bindHost}]` : bindHost, ...extra.split(",")];
  return new Set(names.map((name) => name.trim().toLowerCase()).filter((name) => name && name !== "0.0.0.0" && name !== "[::]"));
}

/** The Host header's name without its port: "[::1]:3300" → "[::1]", "Example.org." → "example.org". */
export function hostName(header: string | undefined): string | undefined {
  const match = header?.trim().match(/^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::\d{1,5})?$/i);
  return match?.[1]!.toLowerCase().replace(/\.$/, "");
}

export function hostAllowed(header: string | undefined, names: Set<string>): boolean {
  const name = hostName(header);
  return name !== undefined && names.has(name);
}

function cookieOf(header: string | undefined, cookie: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name !== cookie) continue;
    try {
      return decodeURIComponent(value.join("="));
    } catch {
      return undefined; // malformed (%E0): no token, so a 401, never a 500
    }
  }
  return undefined;
}

export type TokenCheck = { outcome: "pass" } | { outcome: "refuse" } | { outcome: "redirect"; location: string; setCookie: string };

/**
 * The token gate: a bearer token or the cookie passes; the token as ?token= gets the cookie and a 303
 * to the same path without it (a path of our own origin only: "//evil.example" becomes "/evil.example").
 * `secure`: the request came over TLS, so the cookie is sent back over TLS only.
 */
export function checkToken(request: IncomingMessage, token: string | undefined, { cookie, secure }: { cookie: string; secure: boolean }): TokenCheck {
  if (!token) return { outcome: "pass" };
  const bearer = request.headers.authorization?.match(/^Bearer (.+)$/)?.[1];
  if (sameSecret(bearer, token) || sameSecret(cookieOf(request.headers.cookie, cookie), token)) return { outcome: "pass" };
  const url = new URL(request.url ?? "/", "http://origin");
  if (!sameSecret(url.searchParams.get("token") ?? undefined, token)) return { outcome: "refuse" };
  url.searchParams.delete("token");
  // Collapse leading slashes and backslashes: a Location of "//host" or "/\host" leaves the origin.
  const path = `/${url.pathname.replace(/^[/\\]+/, "")}`;
  const attributes = ["HttpOnly", "SameSite=Strict", "Path=/", ...(secure ? ["Secure"] : [])];
  return { outcome: "redirect", location: path + url.search, setCookie: `${cookie}=${encodeURIComponent(token)}; ${attributes.join("; ")}` };
}

/** A request URL with any ?token= value hidden, for a log line. */
export function withoutToken(url: string | undefined): string {
  return (url ?? "").replace(/([?&]token=)[^&#]*/gi, "$1…");
}
