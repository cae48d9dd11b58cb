// The one table of what is secret or personal. The services (redact.ts) and the collector (the
// generated block of collector/gateway.yaml, `npm run gen:redaction`) both apply it, rule by rule
// in this order and with the same masks, so the two lines of defence give the same text
// (test/stack/redaction-cases.test.ts runs one case table through both).
//
// Written in the syntax JavaScript (flag u) and Go's RE2 share: no lookaround, no backreferences,
// no \s (Go's is ASCII-only; SPACE spells the class out) and no \b beside a non-ASCII letter.
// Every pattern must run in linear time in JavaScript's backtracking engine too
// (test/redaction/pattern-cost.test.ts times each over 100 KB adversarial inputs):
// - a repeated class that can start anywhere in a run of its own characters is anchored to the
//   start of that run, `(^|[^X])X+…` (group 1 keeps the character before), so a run of 100k
//   letters is tried once, not 100k times, and a failed try gives back at most that one run;
// - other repetitions follow a literal (Bearer, cookie=) or are bounded by a few characters.
// Large bounded repetitions ({1,253}) are avoided: they are linear in Go, but its regexp runs one
// thread per pending repetition, and [a-z]{1,64}@ costs Go over 10× what [a-z]+@ does.
// No checksums: the collector's OTTL cannot compute Luhn or mod-97, and a check in the services
// alone would make the two engines disagree. The shapes are kept strict instead (a card's issuer
// prefix and 4-4-4-4 grouping, an IBAN's country letters and check digits), and both engines
// mask every candidate of the shape.

/** Whitespace as both engines must read it: ASCII, no-break space, narrow no-break space, thin space. */
const SPACES = " \\t\\n\\r\\f\\v\u00a0\u202f\u2009";
const SPACE = `[${SPACES}]`;

// Key names whose value is a secret. A key ending in one of them is one (dbPassword, x-api-key,
// authToken, aws_secret_access_key). Three groups, because their values end differently in free text.
const PASSWORD_KEYS = "pass(?:word|wd|phrase)|pwd";
const COOKIE_KEYS = "(?:set[._-]?)?cookie";
const OTHER_KEYS = "api[._-]?key|secret(?:[._-]?access[._-]?key)?|private[._-]?key|credentials?|token|authorization";

/** An attribute, header or field key that names a secret: x-api-key, http.request.header.authorization, dbPassword. */
export const SECRET_KEY = `^.*(?:${PASSWORD_KEYS}|${COOKIE_KEYS}|${OTHER_KEYS})$`;
/** What a value under such a key becomes, whatever its type: the collector's redaction processor writes this and cannot be told otherwise. */
export const SECRET_VALUE_MASK = "****";

export interface TextRule {
  name: string;
  pattern: string;
  /** Group 1 is kept (the "api_key=" before a secret, or the character before the match) and the rest masked. */
  keepsGroup1: boolean;
  ignoreCase: boolean;
  /** What both engines write instead of the masked part. */
  mask: string;
}

const rule = (name: string, pattern: string, mask: string, { keepsGroup1 = true, ignoreCase = false } = {}): TextRule => ({
  name,
  pattern,
  keepsGroup1,
  ignoreCase,
  mask,
});

const SECRET = "[REDACTED]";
/** `"password": "`, `api_key=`, `Cookie: `: the key, an optional quote, a separator, an optional quote. */
const assignment = (words: string) => `(?:${words})["']?${SPACE}*[:=]${SPACE}*["']?`;

/** Secrets and personal data inside free text: log bodies, span names, attribute values, error messages. */
export const TEXT_RULES: readonly TextRule[] = [
  // Before the email rule, which would take `admin:pw@db.example.com` for an address.
  rule(
    "credentials in a URL (https://admin:pw@db…, postgres://app:pw@db)",
    `((?:^|[^A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*://)[^${SPACES}/?#@]+@`,
    `${SECRET}@`,
  ),
  // Every cookie of the header, not only the first: the value runs to the end of the line or the quote.
  rule("cookie header (Cookie: a=1; b=2)", `(${assignment(COOKIE_KEYS)})[^\\r\\n"']+`, SECRET, { ignoreCase: true }),
  // A password may have spaces in it: the value runs to the end of the line, a quote or a , ; &.
  rule("password assignment (password: correct horse battery)", `(${assignment(PASSWORD_KEYS)})[^\\r\\n"',;&]+`, SECRET, { ignoreCase: true }),
  rule(
    'secret assignment (api_key=…, "authToken": "…", client_secret: …)',
    `(${assignment(OTHER_KEYS)}(?:(?:Bearer|Basic)${SPACE}+)?)[^${SPACES}"',;&]+`,
    SECRET,
    {
      ignoreCase: true,
    },
  ),
  rule("bearer token", `(Bearer${SPACE}+)[A-Za-z0-9._~+/=-]+`, SECRET, { ignoreCase: true }),
  // Base64 of user:password after a case-sensitive Basic; it holds a capital or digit past its first
  // two characters, which "Basic usage" and "Basic Python" do not.
  rule("basic credential", `(Basic${SPACE}+)[A-Za-z0-9+/]{2,}[A-Z0-9+/][A-Za-z0-9+/]*={0,2}`, SECRET),
  rule("JSON web token", `((?:^|[^A-Za-z0-9_-]))eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*`, SECRET),
  rule("AWS access key id", `((?:^|[^A-Za-z0-9]))(?:AKIA|ASIA)[A-Z0-9]{16}\\b`, SECRET),
  rule("API key (sk-…)", `((?:^|[^A-Za-z0-9_-]))sk-[A-Za-z0-9_-]{16,}`, SECRET),
  // Letters of any script in both parts (josé@exemple.fr).
  rule("email address", "((?:^|[^\\p{L}\\p{M}0-9._%+-]))[\\p{L}\\p{M}0-9._%+-]+@[\\p{L}\\p{M}0-9.-]+\\.\\p{L}{2,}", "[REDACTED_EMAIL]"),
  // FR76 3000 6000 0112 3456 7890 189: country letters, check digits, 11-30 more letters or digits.
  rule("IBAN", "((?:^|[^A-Za-z0-9]))[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\\b", "[REDACTED_IBAN]"),
  // Visa, Mastercard, Discover (16 digits) and Amex (15), whole or grouped the card's way with one
  // kind of separator. A UUID's digit groups or a timestamp in ms (starts with 1) are not taken.
  rule(
    "card number",
    "((?:^|[^A-Za-z0-9]))(?:(?:4[0-9]{3}|5[1-5][0-9]{2}|2[2-7][0-9]{2}|6011|65[0-9]{2}|64[4-9][0-9])(?:[0-9]{12}|(?: [0-9]{4}){3}|(?:-[0-9]{4}){3})|3[47][0-9]{2}(?:[0-9]{11}| [0-9]{6} [0-9]{5}|-[0-9]{6}-[0-9]{5}))\\b",
    "[REDACTED_CARD]",
  ),
  // International (+33 6 12 34 56 78, 0033 1 23 45 67 89), French national (06 12 34 56 78,
  // 0612345678, no-break spaces too) and North American (555-010-4477, (555) 010-4477) numbers. Not any
  // long digit run: ids and timestamps (e2e-1795458563597, UUIDs) must stay searchable.
  rule(
    "phone number",
    `(?:\\+|\\b00)${SPACE}?\\(?[0-9](?:[${SPACES}.()-]{0,2}[0-9]){6,14}\\b|\\b0[1-9](?:[${SPACES}.-]?[0-9]{2}){4}\\b|\\(?\\b[0-9]{3}\\)?[${SPACES}.-][0-9]{3}[${SPACES}.-][0-9]{4}\\b`,
    "[REDACTED_PHONE]",
    { keepsGroup1: false },
  ),
];
