// Where the backends' API paths are spelled: Jaeger's query API, the Elasticsearch API, Prometheus,
// Alertmanager and Bugsink belong to src/backends, which builds every URL to them. This reads the
// string and template literals of every source file (comments and regular expressions are no URL)
// and names each one outside the exempt files that holds such a path.
// `node tools/api-paths.ts` lists them; test/tools/api-paths.test.ts holds the list empty.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

/** A path of one of the five APIs, as it appears in a URL. */
export const API_PATH =
  /\/(?:_(?:search|count|bulk|doc|cat|cluster|delete_by_query|update_by_query|flush|forcemerge|mapping|settings|stats|refresh|template|index_template|ingest|ilm|alias|aliases)\b|api\/(?:v1|v2|v3|traces|services|operations|dependencies|canonical|0)\/?)/;

/** Folders read, from the project root. */
export const SCANNED = ["src", "bench", "tools", "test"];

/**
 * Files that may spell the paths: the clients themselves, their tests (which check what a client
 * built), the stand-in that serves the APIs in process, and this check's own cases. Nothing else:
 * a caller passes a base URL to a client.
 */
export const EXEMPT = [/^src\/backends\//, /^test\/backends\//, /^test\/support\/stand-in-backends\.ts$/, /^test\/tools\/api-paths\.test\.ts$/];

export interface Spelling {
  file: string;
  line: number;
  text: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(path);
    return /\.(?:ts|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

/** Literal texts of one source that hold an API path, with their line (1-based). */
export function apiPathsIn(text: string, fileName = "file.ts"): Array<{ line: number; text: string }> {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const found: Array<{ line: number; text: string }> = [];
  const visit = (node: ts.Node) => {
    // A template's head, middle and tail parts are literals of their own: `${url}/_bulk` is found by its tail.
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) {
      if (API_PATH.test(node.text)) found.push({ line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, text: node.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

export function apiPathSpellings(root: string): Spelling[] {
  return SCANNED.flatMap((dir) => sourceFiles(join(root, dir)))
    .map((path) => ({ path, file: relative(root, path) }))
    .filter(({ file }) => !EXEMPT.some((exempt) => exempt.test(file)))
    .flatMap(({ path, file }) => apiPathsIn(readFileSync(path, "utf8"), file).map((found) => ({ file, ...found })));
}

if (import.meta.main) {
  const found = apiPathSpellings(join(import.meta.dirname, ".."));
  for (const { file, line, text } of found) console.log(`${file}:${line}: ${text.slice(0, 120)}`);
  console.log(found.length ? `${found.length} API paths spelled outside src/backends` : "every API path is spelled in src/backends");
  process.exitCode = found.length ? 1 : 0;
}
