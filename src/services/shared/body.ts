// Request bodies arrive as raw bytes and are checked here, so every kind of bad input gets a
// precise 4xx: empty, not UTF-8, binary, broken JSON, missing or mistyped fields, too large.
import express, { type Request } from "express";
import { envNumber } from "../../config/index.ts";
// errors.ts, not the http barrel: that loads the request context and with it the telemetry SDK, which
// the bare benchmark baseline (bench/bare), built from these files, must not pay for.
import { HttpError } from "./error-codes.ts";

export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

export function bodyLimitBytes(): number {
  return envNumber("BODY_LIMIT_BYTES", DEFAULT_BODY_LIMIT_BYTES, { min: 1, integer: true });
}

/** Every body is read as bytes (any content type) up to the limit; routes decide what they accept. */
export function rawBody(limit = bodyLimitBytes()) {
  return express.raw({ type: () => true, limit });
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
// Control characters other than tab, newline, carriage return and form feed mean binary data.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const BINARY = /[\u0000-\u0008\u000B\u000E-\u001F]/;

function bytesOf(request: Request): Buffer {
  return Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
}

export function decodeText(bytes: Buffer): string {
  if (bytes.length === 0) throw new HttpError("empty_body", "Send the document in the request body");
  if (bytes.includes(0)) throw new HttpError("unsupported_media_type", "The body looks binary; send plain text");
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch (error) {
    throw new HttpError("invalid_encoding", "The body has bytes that are not UTF-8", { cause: error });
  }
  if (BINARY.test(text)) throw new HttpError("unsupported_media_type", "The body looks binary; send plain text");
  return text.replace(/^\uFEFF/, "");
}

function mediaType(request: Request): string {
  return (request.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

export function readJson(request: Request): unknown {
  const type = mediaType(request);
  if (type !== "application/json" && !type.endsWith("+json")) {
    throw new HttpError("unsupported_media_type", `Expected application/json, got ${type || "no content type"}`);
  }
  const text = decodeText(bytesOf(request));
  try {
    return JSON.parse(text);
  } catch (error) {
    // V8's message quotes a piece of the body (maybe a CV's name), and the detail is logged: keep the position only.
    const position = /position (\d+)/.exec(String((error as Error).message))?.[1];
    throw new HttpError("invalid_json", `Malformed JSON${position ? ` at position ${position}` : ""}`);
  }
}

/** A non-empty string field, with its path in the error when it is not. */
export function requireText(value: unknown, path: string): string {
  if (value === undefined || value === null) throw new HttpError("invalid_request", `${path} is required`);
  if (typeof value !== "string") throw new HttpError("invalid_request", `${path} must be a string, got ${Array.isArray(value) ? "array" : typeof value}`);
  if (value.trim() === "") throw new HttpError("invalid_request", `${path} must not be empty`);
  return value;
}

export function requireObject(value: unknown, path = "body"): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new HttpError("invalid_request", `${path} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** A document to parse: text/plain bytes, or JSON {"text": "..."}. */
export function readDocument(request: Request): string {
  const type = mediaType(request);
  if (type === "text/plain") {
    const text = decodeText(bytesOf(request));
    if (text.trim() === "") throw new HttpError("empty_body", "The document is blank");
    return text;
  }
  if (type === "application/json") return requireText(requireObject(readJson(request)).text, "text");
  throw new HttpError("unsupported_media_type", `Send text/plain or application/json, got ${type || "no content type"}`);
}
