// An OTLP/HTTP trace export that retries as the OTel JS SDK's exporter does
// (@opentelemetry/otlp-exporter-base, retrying-transport and is-export-retryable), for the overload's clients.
import { setTimeout as sleep } from "node:timers/promises";

const SDK_MAX_ATTEMPTS = 5;
const SDK_EXPORT_TIMEOUT_MS = 10_000;

export interface Sent {
  first: number;
  retryAfter?: string;
  accepted: boolean;
  attempts: number;
}

export async function post(url: string, body: Uint8Array<ArrayBuffer>, timeoutMs = SDK_EXPORT_TIMEOUT_MS): Promise<{ status: number; retryAfter?: string }> {
  try {
    const response = await fetch(`${url}/v1/traces`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer();
    return { status: response.status, retryAfter: response.headers.get("retry-after") ?? undefined };
  } catch {
    return { status: 0 };
  }
}

/**
 * As @opentelemetry/otlp-exporter-base's retrying transport does: 429/502/503/504, a timeout or a
 * dropped connection are retried, at most 5 attempts within the export's 10 s, backoff from 1 s × 1.5
 * with ±20 % jitter, Retry-After honoured.
 */
export async function sendLikeAnSdk(url: string, body: Uint8Array<ArrayBuffer>): Promise<Sent> {
  const deadline = Date.now() + SDK_EXPORT_TIMEOUT_MS;
  let backoff = 1_000;
  const first = await post(url, body, SDK_EXPORT_TIMEOUT_MS);
  let result = first;
  for (let attempt = 1; ; attempt++) {
    const done = (accepted: boolean): Sent => ({ first: first.status, retryAfter: first.retryAfter, accepted, attempts: attempt });
    if (result.status >= 200 && result.status < 300) return done(true);
    const retryable = result.status === 0 || [429, 502, 503, 504].includes(result.status);
    const wait = result.retryAfter && Number(result.retryAfter) > 0 ? Number(result.retryAfter) * 1000 : backoff * (0.8 + Math.random() * 0.4);
    if (!retryable || attempt >= SDK_MAX_ATTEMPTS || Date.now() + wait > deadline) return done(false);
    await sleep(wait);
    backoff = Math.min(backoff * 1.5, 5_000);
    result = await post(url, body, deadline - Date.now());
  }
}
