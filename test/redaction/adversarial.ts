// Inputs that make a careless pattern backtrack: long runs of the characters a pattern repeats,
// with the one character it needs to finish missing. The cost tests run every rule of the table
// over each, in both engines (test/redaction/pattern-cost.test.ts).
export const ADVERSARIAL_SIZE = 100_000;

const fill = (unit: string) => unit.repeat(Math.ceil(ADVERSARIAL_SIZE / unit.length)).slice(0, ADVERSARIAL_SIZE);

export const ADVERSARIAL_INPUTS: Record<string, string> = {
  "letters without @": fill("a"),
  "accented letters": fill("é"),
  dots: fill("."),
  "letter-dot runs": fill("a."),
  "letter-dash runs": fill("a-"),
  digits: fill("4"),
  "spaced digits": fill("1 "),
  "dotted digits": fill("0."),
  spaces: fill(" "),
  "no-break spaces": fill("\u00a0"),
  "key=value runs": fill("password=a "),
  "keys without a value": fill("token "),
  "separators after a key": fill("api_key:"),
  "ats without a domain": fill("a@"),
  "an @ then dots": `a@${fill(".")}`.slice(0, ADVERSARIAL_SIZE),
  "max local parts": fill(`${"b".repeat(64)}@`),
  schemes: fill("a://"),
  "user infos": `https://${fill("a:")}`.slice(0, ADVERSARIAL_SIZE),
  bearers: fill("Bearer "),
  basics: fill("Basic aa "),
  "JWT heads": fill("eyJ-"),
  "JWT dots": `eyJ${fill("a.")}`.slice(0, ADVERSARIAL_SIZE),
  "sk- runs": fill("sk-"),
  "IBAN heads": fill("FR76 "),
  "card groups": fill("4111 "),
  "phone heads": fill("+1 "),
  parentheses: fill("(555) "),
  cookies: fill("Cookie: a=1; "),
};
