// Who may look: on loopback, anyone on the machine; bound beyond loopback, only holders of
// CONSOLE_TOKEN (the console refuses to start there without one). A browser gives the token once
// as ?token=…, gets it back as an HttpOnly cookie and is sent on to the same URL without it.
// The checks themselves (token, cookie, Host) live in src/http/guard.ts, shared with the inbox.
import type { NextFunction, Request, Response } from "express";
import { HttpError } from "../http/index.ts";
import { checkToken, hostAllowed, SECURITY_HEADERS } from "../http/guard.ts";

const COOKIE = "console_token";

/** Every answer, refusals and redirects included, carries the security headers. */
export function securityHeaders() {
  return (_request: Request, response: Response, next: NextFunction): void => {
    response.set(SECURITY_HEADERS as Record<string, string>);
    next();
  };
}

/** A Host the console does not answer for is a DNS-rebinding page (or a misrouted proxy): 421. */
export function requireHost(names: Set<string>) {
  return (request: Request, _response: Response, next: NextFunction): void => {
    if (hostAllowed(request.headers.host, names)) return next();
    next(new HttpError("unknown_host", "This console does not answer for that host name: add it to CONSOLE_ALLOWED_HOSTS if it is yours."));
  };
}

/** Express middleware; no token configured means no check (the server is on loopback then). */
export function requireToken(token: string | undefined) {
  return (request: Request, response: Response, next: NextFunction): void => {
    // request.secure: TLS here, or X-Forwarded-Proto: https from a proxy the app trusts (loopback).
    const check = checkToken(request, token, { cookie: COOKIE, secure: request.secure });
    if (check.outcome === "pass") return next();
    if (check.outcome === "redirect") {
      response.setHeader("set-cookie", check.setCookie);
      return response.redirect(303, check.location);
    }
    next(
      new HttpError("unauthorized", "This console needs its token: open it once with ?token=<CONSOLE_TOKEN>, or send Authorization: Bearer <CONSOLE_TOKEN>."),
    );
  };
}
