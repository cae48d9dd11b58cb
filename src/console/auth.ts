// Who may look: on loopback, anyone on the machine; bound beyond loopback, only holders of
// CONSOLE_TOKEN (the console refuses to start there without one). A browser gives the token once
// as ?token=…, gets it back as an HttpOnly cookie and is sent on to the same URL without it.
import { timingSafeEqual } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { HttpError } from "../http/index.ts";

const COOKIE = "console_token";

export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function same(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieOf(request: Request): string | undefined {
  for (const part of (request.headers.cookie ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === COOKIE) return decodeURIComponent(value.join("="));
  }
  return undefined;
}

/** Express middleware; no token configured means no check (the server is on loopback then). */
export function requireToken(token: string | undefined) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (!token) return next();
    const bearer = request.headers.authorization?.match(/^Bearer (.+)$/)?.[1];
    if (same(bearer, token) || same(cookieOf(request), token)) return next();
    const fromQuery = typeof request.query.token === "string" ? request.query.token : undefined;
    if (same(fromQuery, token)) {
      const url = new URL(request.originalUrl, "http://console");
      url.searchParams.delete("token");
      response.cookie(COOKIE, token, { httpOnly: true, sameSite: "strict", path: "/" });
      return response.redirect(303, url.pathname + url.search);
    }
    next(
      new HttpError("unauthorized", "This console needs its token: open it once with ?token=<CONSOLE_TOKEN>, or send Authorization: Bearer <CONSOLE_TOKEN>."),
    );
  };
}
