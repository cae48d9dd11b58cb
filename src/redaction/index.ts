// The one table of secret and personal-data patterns, and the functions that apply it; the
// services' logs and errors use it, and src/stack/redaction-config.ts generates the collector's from it.
export { redactField, redactText, redactValue } from "./redact.ts";
export { SECRET_KEY, SECRET_VALUE_MASK, TEXT_RULES } from "./redaction-rules.ts";
