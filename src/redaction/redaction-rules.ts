// The one table of what is secret or personal. The services (redact.ts) and the collector
// (the generated block of collector/gateway.yaml, `npm run gen:redaction`) both read it, so the
// two lines of defence cannot drift apart. Patterns are written in the syntax JavaScript and Go's
// RE2 share: no lookbehind or lookahead, no backreferences; case-insensitive where marked.

/** Key names whose value is a secret, wherever they appear (a prefix ending in . _ or - is allowed). */
export const SECRET_KEY_WORDS = [
  "api[._-]?key",
  "apikey",
  "password",
  "passwd",
  "pwd",
  "secret",
  "client[._-]?secret",
  "token",
  "access[._-]?token",
  "refresh[._-]?token",
  "id[._-]?token",
  "authorization",
  "cookie",
  "set[._-]cookie",
] as const;

const keys = SECRET_KEY_WORDS.join("|");

/** An attribute, header or field key that names a secret: x-api-key, http.request.header.authorization. */
export const SECRET_KEY = `^(?:.*[._-])?(?:${keys})$`;

export interface TextRule {
  name: string;
  pattern: string;
  /** Group 1 is kept (the "api_key=" before a secret) and only the rest of the match masked. */
  keepsGroup1: boolean;
  ignoreCase: boolean;
  /** What the services write instead (the collector writes ****). */
  mask: string;
}

/** Secrets and personal data inside free text: log bodies, attribute values, error messages. */
export const TEXT_RULES: readonly TextRule[] = [
  {
    name: 'secret assignment (api_key=…, "password": "…", client_secret: …)',
    pattern: `\\b((?:${keys})["']?\\s*[:=]\\s*["']?(?:Bearer\\s+)?)[^\\s"',;&]+`,
    keepsGroup1: true,
    ignoreCase: true,
    mask: "[REDACTED]",
  },
  { name: "bearer token", pattern: "\\b(Bearer\\s+)[A-Za-z0-9._~+/=-]+", keepsGroup1: true, ignoreCase: true, mask: "[REDACTED]" },
  { name: "email address", pattern: "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}", keepsGroup1: false, ignoreCase: false, mask: "[REDACTED_EMAIL]" },
  {
    // International (+33 6 12 34 56 78, 0033 1 23 45 67 89), French national (06 12 34 56 78,
    // 0612345678) and North American (555-010-4477, (555) 010-4477) numbers. Not any long digit run:
    // ids and timestamps (e2e-1795458563597, UUIDs) must stay searchable.
    name: "phone number",
    pattern: "(?:\\+|\\b00)\\s?\\(?\\d(?:[\\s.()-]{0,2}\\d){6,14}\\b|\\b0[1-9](?:[\\s.-]?\\d{2}){4}\\b|\\(?\\b\\d{3}\\)?[\\s.-]\\d{3}[\\s.-]\\d{4}\\b",
    keepsGroup1: false,
    ignoreCase: false,
    mask: "[REDACTED_PHONE]",
  },
];
