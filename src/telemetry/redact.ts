// A last line of defence: personal data and secrets are masked in any free text that heads
// for a log line or an error event, even if a caller forgot. The collector redacts again.

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// Phone numbers: +/00 and 7+ digits, or 9+ digits with separators (so "2019-2024" stays).
const PHONE = /(?<![\w.+])(?:(?:\+|00)\s?\(?\d(?:[\s.()-]{0,2}\d){6,14}|\(?\d(?:[\s.()-]{0,2}\d){8,14})(?![\w])/g;
const SECRET_ASSIGNMENT = /\b(api[_-]?key|apikey|password|passwd|pwd|secret|token|access[_-]?token|authorization)(["']?\s*[:=]\s*["']?)(?:Bearer\s+)?[^\s"',;&]+/gi;
const BEARER = /\bBearer\s+[A-Za-z0-9._~+/=-]+/g;

export function redactText(text: string): string {
  return text
    .replace(SECRET_ASSIGNMENT, "$1$2[REDACTED]")
    .replace(BEARER, "Bearer [REDACTED]")
    .replace(EMAIL, "[REDACTED_EMAIL]")
    .replace(PHONE, "[REDACTED_PHONE]");
}

const SECRET_KEY = /^(api[_-]?key|apikey|password|passwd|secret|token|access[_-]?token|authorization|cookie|set-cookie|x-api-key)$/i;

/** Redacts strings anywhere in a JSON-like value; values under secret-looking keys are dropped. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactText(value);
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) result[key] = redactField(key, item, depth + 1);
  return result;
}

export function redactField(key: string, value: unknown, depth = 0): unknown {
  return SECRET_KEY.test(key) ? "[REDACTED]" : redactValue(value, depth);
}
