// The one case table of redaction: what a text becomes, whichever engine redacts it. redact.test.ts
// runs it through the services' redactor; test/stack/redaction-cases.test.ts plants each input in every
// field a foreign OTLP client can fill and reads what the real collector lets out. Any difference fails.
const NBSP = "\u00a0";
const NNBSP = "\u202f";

export interface RedactionCase {
  name: string;
  input: string;
  expected: string;
}

export const REDACTION_CASES: readonly RedactionCase[] = [
  { name: "an email in a URL path", input: "GET /users/alice@example.com", expected: "GET /users/[REDACTED_EMAIL]" },
  { name: "an email with non-ASCII letters", input: "mail josé.garcía@exemple.fr now", expected: "mail [REDACTED_EMAIL] now" },
  { name: "an IBAN in groups", input: "IBAN FR76 3000 6000 0112 3456 7890 189 ok", expected: "IBAN [REDACTED_IBAN] ok" },
  { name: "an IBAN in one piece", input: "pay DE89370400440532013000", expected: "pay [REDACTED_IBAN]" },
  { name: "a card number in groups", input: "card 4111 1111 1111 1111 paid", expected: "card [REDACTED_CARD] paid" },
  { name: "an Amex number", input: "amex 378282246310005", expected: "amex [REDACTED_CARD]" },
  { name: "a JWT without Bearer", input: "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl end", expected: "jwt [REDACTED] end" },
  { name: "an AWS access key id", input: "key AKIAIOSFODNN7EXAMPLE used", expected: "key [REDACTED] used" },
  { name: "an AWS secret access key", input: "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", expected: "aws_secret_access_key=[REDACTED]" },
  { name: "an sk- key without a key name", input: "openai sk-proj-abcdefghijklmnop1234 failed", expected: "openai [REDACTED] failed" },
  {
    name: "credentials in an https URL",
    input: "dial https://admin:S3cr3t!@db.example.com:5432/app",
    expected: "dial https://[REDACTED]@db.example.com:5432/app",
  },
  { name: "credentials in a postgres URL", input: "postgres://app:pw@db/app", expected: "postgres://[REDACTED]@db/app" },
  { name: "the credential after Authorization: Basic", input: "Authorization: Basic dXNlcjpwYXNzd29yZA==", expected: "Authorization: Basic [REDACTED]" },
  { name: "the credential after a lone Basic", input: "sent Basic dXNlcjpwYXNzd29yZA== upstream", expected: "sent Basic [REDACTED] upstream" },
  { name: "a multi-word password", input: "password: correct horse battery staple", expected: "password: [REDACTED]" },
  { name: "every cookie of a header", input: "Cookie: session=abc; theme=dark; csrf=xyz", expected: "Cookie: [REDACTED]" },
  { name: "a dbPassword in JSON", input: '{"dbPassword": "hunter2", "user": "bob"}', expected: '{"dbPassword": "[REDACTED]", "user": "bob"}' },
  { name: "authToken and sessionToken", input: "authToken=t-1 sessionToken=t-2", expected: "authToken=[REDACTED] sessionToken=[REDACTED]" },
  { name: "a private key and a passphrase", input: "private_key=MIIEvQ passphrase: open sesame", expected: "private_key=[REDACTED] passphrase: [REDACTED]" },
  { name: "credentials", input: "credentials=abc123 ok", expected: "credentials=[REDACTED] ok" },
  {
    name: "a client secret in a query string",
    input: "POST /token?client_secret=s3cr3tValue&grant=x",
    expected: "POST /token?client_secret=[REDACTED]&grant=x",
  },
  { name: "a bearer token", input: "upstream said Bearer abc.def-123", expected: "upstream said Bearer [REDACTED]" },
  { name: "a French number with no-break spaces", input: `appeler le 06${NBSP}12${NBSP}34${NBSP}56${NBSP}78`, expected: "appeler le [REDACTED_PHONE]" },
  {
    name: "an international number with narrow no-break spaces",
    input: `tel +33${NNBSP}6${NNBSP}12${NNBSP}34${NNBSP}56${NNBSP}78`,
    expected: "tel [REDACTED_PHONE]",
  },
  { name: "a North American number", input: "call (555) 010-4477", expected: "call [REDACTED_PHONE]" },
  // What must stay as it is: the services' normal logs, ids and timestamps.
  {
    name: "counts, years and durations",
    input: "parsed 42 skills in 12.5 ms, 2019-2024, 8 years",
    expected: "parsed 42 skills in 12.5 ms, 2019-2024, 8 years",
  },
  {
    name: "a request id and a UUID",
    input: "request e2e-1795458563597 trace 12345678-1234-4321-9876-123456789012",
    expected: "request e2e-1795458563597 trace 12345678-1234-4321-9876-123456789012",
  },
  { name: "Basic before an ordinary word", input: "Basic usage of Python and TypeScript", expected: "Basic usage of Python and TypeScript" },
  { name: "token counts", input: "gen_ai.usage.input_tokens=12 max_tokens: 256", expected: "gen_ai.usage.input_tokens=12 max_tokens: 256" },
];

/** Values under these keys are masked whole (****), by key, in both engines. */
export const SECRET_KEY_CASES: Record<string, string> = {
  dbPassword: "hunter2",
  authToken: "t-1",
  sessionToken: "t-2",
  private_key: "MIIEvQ",
  passphrase: "open",
  credentials: "abc",
  "http.request.header.cookie": "a=1",
};
