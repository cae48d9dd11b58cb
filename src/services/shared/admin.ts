// /admin/flags on every service. Admin routes answer only on loopback, unless ADMIN_TOKEN is set,
// in which case they answer anyone presenting it as a Bearer token (and only them).
import type { NextFunction, Request, Response } from "express";
// errors.ts, not the http barrel: that loads the request context and with it the telemetry SDK, which
// the bare benchmark baseline (bench/bare), built from these files, must not pay for.
import { HttpError } from "./error-codes.ts";
import { hostAllowed, sameSecret } from "../../http/guard.ts";
import { readJson, requireObject } from "./body.ts";
import { isFlagName, type Flags } from "./flags.ts";

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

// Without a token, a browser page on a rebound name (evil.example → 127.0.0.1) comes from loopback too:
// only a loopback Host passes, so such a page cannot read the flags.
const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function adminGuard(token = process.env.ADMIN_TOKEN) {
  return (request: Request, _response: Response, next: NextFunction): void => {
    if (token) {
      const given = request.get("authorization")?.replace(/^Bearer\s+/i, "") ?? "";
      return next(sameSecret(given, token) ? undefined : new HttpError("unauthorized", "Admin routes need the ADMIN_TOKEN as a Bearer token"));
    }
    const address = request.socket.remoteAddress ?? "";
    if (!LOOPBACK.has(address)) return next(new HttpError("forbidden", "Admin routes answer only on loopback unless ADMIN_TOKEN is set"));
    next(
      hostAllowed(request.get("host"), LOOPBACK_NAMES)
        ? undefined
        : new HttpError("unknown_host", "Admin routes answer only for a loopback Host unless ADMIN_TOKEN is set"),
    );
  };
}

export function listFlags(flags: Flags) {
  return (_request: Request, response: Response): void => {
    response.json(flags.store.all());
  };
}

export function putFlag(flags: Flags) {
  return (request: Request, response: Response): void => {
    const name = String(request.params.name);
    if (!isFlagName(name)) throw new HttpError("unknown_flag", `No flag named ${JSON.stringify(name)}`);
    const body = requireObject(readJson(request));
    if (!("value" in body)) throw new HttpError("invalid_request", 'The body must be JSON like {"value": ...}');
    flags.store.set(name, body.value);
    response.json(flags.store.all());
  };
}
