// The collector's redaction, generated from the services' table (src/redaction/redaction-rules.ts)
// into the marked block of collector/gateway.yaml and collector/agent.yaml. `npm run gen:redaction`
// rewrites the blocks; test/stack/redaction-config.test.ts fails while one is stale.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SECRET_KEY, TEXT_RULES } from "../redaction/index.ts";
import { projectRoot } from "../config/paths.ts";

/** The configs that carry the block: the gateway (and so every pool gateway, whose overlay keeps its
 * processors) and the agent in front of a pool. Each lists transform/redact and redaction in every pipeline. */
export const redactedConfigs = ["gateway.yaml", "agent.yaml"].map((name) => join(projectRoot, "collector", name));
const BEGIN = "  # BEGIN generated from src/redaction/redaction-rules.ts (npm run gen:redaction): edit the table, not this block.";
const END = "  # END generated redaction";

/**
 * A YAML scalar that the collector reads back verbatim ($$ is its escape for $): double-quoted when
 * nothing in it needs a YAML escape, else single-quoted; the quoting Prettier would choose, so that
 * formatting the file leaves the block as generated.
 */
const yamlQuoted = (text: string) => {
  const escaped = text.replaceAll("$", "$$$$");
  return /[\\"]/.test(text) ? `'${escaped.replaceAll("'", "''")}'` : `"${escaped}"`;
};
/** A double-quoted OTTL string literal. */
const ottlString = (text: string) => `"${text.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;

const rules = TEXT_RULES.map(({ pattern, keepsGroup1, ignoreCase, mask }) => ({
  regex: ottlString(`${ignoreCase ? "(?i)" : ""}${pattern}`),
  replacement: ottlString(keepsGroup1 ? `\${1}${mask}` : mask),
}));

/** Every rule, in the table's order, on one text field (span name, status message, string body). */
const onText = (field: string, condition = "") => rules.map(({ regex, replacement }) => `replace_pattern(${field}, ${regex}, ${replacement})${condition}`);
/** Every rule on each string value of a map (attributes, a map body once flattened). */
const onMap = (field: string, condition = "") =>
  rules.map(({ regex, replacement }) => `replace_all_patterns(${field}, "value", ${regex}, ${replacement})${condition}`);

const list = (indent: string, items: string[]) => items.map((item) => `${indent}- ${yamlQuoted(item)}`).join("\n");
const context = (name: string, statements: string[]) => `      - context: ${name}\n        statements:\n${list("          ", statements)}`;
/** Resource and scope attributes: every signal has them. */
const outer = () => [context("resource", onMap("attributes")), context("scope", onMap("attributes"))];

export function redactionBlock(): string {
  return [
    BEGIN,
    "  # Secrets and personal data inside text, wherever a client can put it: span names, status messages,",
    "  # events (name and attributes), log bodies (string or map), attributes of resources, scopes, spans,",
    "  # logs and metric points. Same rules, order and masks as the services (src/redaction/redact.ts).",
    "  # A map body is flattened first ({a: {b: x}} → {a.b: x}): OTTL cannot walk a nested map, and its",
    "  # replace_all_patterns touches only the top level. Array- and map-valued attributes are left as they",
    "  # are (flattening would turn semconv arrays into key.0 keys); the key rule below still covers them.",
    "  transform/redact:",
    "    error_mode: ignore",
    "    trace_statements:",
    ...outer(),
    context("span", [...onText("name"), ...onText("status.message"), ...onMap("attributes")]),
    context("spanevent", [...onText("name"), ...onMap("attributes")]),
    "    log_statements:",
    ...outer(),
    context("log", [
      "flatten(body) where IsMap(body)",
      ...onText("body", " where IsString(body)"),
      ...onMap("body", " where IsMap(body)"),
      ...onMap("attributes"),
    ]),
    "    metric_statements:",
    ...outer(),
    context("datapoint", onMap("attributes")),
    "  # Whole values under a key that names a secret (dbPassword, x-api-key, http.request.header.cookie)",
    "  # become ****, in attributes of every kind and in map bodies at any depth. No redaction.* count",
    "  # attributes: on metrics they would add label cardinality.",
    "  redaction:",
    "    allow_all_keys: true",
    "    blocked_key_patterns:",
    list("      ", [`(?i)${SECRET_KEY}`]),
    "    summary: silent",
    END,
  ].join("\n");
}

/** The block as it stands in a config now. */
export function currentBlock(file: string, yaml = readFileSync(file, "utf8")): string {
  const start = yaml.indexOf(BEGIN);
  const end = yaml.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${file}: the generated redaction markers are missing`);
  return yaml.slice(start, end + END.length);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const file of redactedConfigs) {
    const yaml = readFileSync(file, "utf8");
    writeFileSync(
      file,
      yaml.replace(currentBlock(file, yaml), () => redactionBlock()),
    );
    console.log(`rewrote the redaction block of ${file}`);
  }
}
