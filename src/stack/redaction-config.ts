// The collector's redaction, generated from the services' table (src/redaction/redaction-rules.ts)
// into the marked block of collector/gateway.yaml. `npm run gen:redaction` rewrites the block;
// test/stack/redaction-config.test.ts fails while it is stale.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SECRET_KEY, TEXT_RULES } from "../redaction/index.ts";
import { projectRoot } from "./provision/util.ts";

export const gatewayFile = join(projectRoot, "collector", "gateway.yaml");
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

function ottlStatements(target: "body" | "attributes"): string[] {
  return TEXT_RULES.map(({ pattern, keepsGroup1, ignoreCase }) => {
    const regex = ottlString(`${ignoreCase ? "(?i)" : ""}${pattern}`);
    const replacement = ottlString(keepsGroup1 ? "${1}****" : "****");
    return target === "body"
      ? `replace_pattern(body, ${regex}, ${replacement}) where IsString(body)`
      : `replace_all_patterns(attributes, "value", ${regex}, ${replacement})`;
  });
}

const list = (indent: string, items: string[]) => items.map((item) => `${indent}- ${yamlQuoted(item)}`).join("\n");

export function redactionBlock(): string {
  const attributes = ottlStatements("attributes");
  const context = (name: string, statements: string[]) => `      - context: ${name}\n        statements:\n${list("          ", statements)}`;
  return [
    BEGIN,
    "  # Secrets and personal data inside text (log bodies, attribute values of logs, spans, span events",
    "  # and metric points): the kept prefix stays (api_key=), the rest becomes ****.",
    "  transform/redact:",
    "    error_mode: ignore",
    "    log_statements:",
    context("log", [...ottlStatements("body"), ...attributes]),
    "    trace_statements:",
    context("span", attributes),
    context("spanevent", attributes),
    "    metric_statements:",
    context("datapoint", attributes),
    "  # Whole values: any attribute whose KEY names a secret is masked; personal data again, as a",
    "  # second net. No redaction.* count attributes: on metrics they would add label cardinality.",
    "  redaction:",
    "    allow_all_keys: true",
    "    blocked_key_patterns:",
    list("      ", [`(?i)${SECRET_KEY}`]),
    "    blocked_values:",
    list(
      "      ",
      TEXT_RULES.filter((rule) => !rule.keepsGroup1).map((rule) => rule.pattern),
    ),
    "    summary: silent",
    END,
  ].join("\n");
}

/** The block as it stands in gateway.yaml now. */
export function currentBlock(yaml = readFileSync(gatewayFile, "utf8")): string {
  const start = yaml.indexOf(BEGIN);
  const end = yaml.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${gatewayFile}: the generated redaction markers are missing`);
  return yaml.slice(start, end + END.length);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const yaml = readFileSync(gatewayFile, "utf8");
  writeFileSync(
    gatewayFile,
    yaml.replace(currentBlock(yaml), () => redactionBlock()),
  );
  console.log(`rewrote the redaction block of ${gatewayFile}`);
}
