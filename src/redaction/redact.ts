// A last line of defence: personal data and secrets are masked in any free text that heads
// for a log line or an error event, even if a caller forgot. The collector redacts again, from
// the same table (redaction-rules.ts).
import { SECRET_KEY, SECRET_VALUE_MASK, TEXT_RULES } from "./redaction-rules.ts";

const textRules = TEXT_RULES.map(({ pattern, keepsGroup1, ignoreCase, mask }) => ({
  // u: \p{L} and case folding as Go's RE2 reads them (the collector applies the same patterns).
  regex: new RegExp(pattern, ignoreCase ? "giu" : "gu"),
  replacement: keepsGroup1 ? `$1${mask}` : mask,
}));
const secretKey = new RegExp(SECRET_KEY, "iu");

export function redactText(text: string): string {
  return textRules.reduce((result, { regex, replacement }) => result.replace(regex, replacement), text);
}

/** Redacts strings anywhere in a JSON-like value; values under secret-looking keys become ****. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactText(value);
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) result[key] = redactField(key, item, depth + 1);
  return result;
}

export function redactField(key: string, value: unknown, depth = 0): unknown {
  return secretKey.test(key) ? SECRET_VALUE_MASK : redactValue(value, depth);
}
