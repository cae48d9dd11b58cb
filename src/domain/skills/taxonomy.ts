// The skill taxonomy: canonical names, their synonyms, and a matcher compiled once at load.
import { catalogue } from "./catalogue/index.ts";
import { guards } from "./guards.ts";

interface AliasInfo {
  canonical: string;
  /** Only these exact spellings count; undefined means any case. */
  exactForms: ReadonlySet<string> | undefined;
}

/** Lower-cased, separators dropped: "Machine-Learning", "machine learning" → "machinelearning". */
function keyOf(raw: string): string {
  return raw.toLowerCase().replace(/[\s_-]+/g, "");
}

function escapeForRegex(alias: string): string {
  return alias
    .trim()
    .split(/[\s_-]+/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("[\\s_-]*");
}

function buildAliasTable(): Map<string, AliasInfo> {
  const table = new Map<string, AliasInfo>();
  for (const [first, ...rest] of catalogue) {
    const canonical = first.replace(/^=/, "");
    for (const form of [first, ...rest]) {
      const bare = form.replace(/^=/, "");
      const exactForms = form.startsWith("=") ? new Set([bare, bare.toUpperCase()]) : undefined;
      const key = keyOf(bare);
      const known = table.get(key);
      // A key seen both case-sensitively and not ("Agile", "agile") keeps the looser rule.
      if (known && known.exactForms === undefined) continue;
      table.set(key, { canonical, exactForms });
    }
  }
  return table;
}

const aliasTable = buildAliasTable();

const canonicalNames: readonly string[] = catalogue.map(([first]) => first.replace(/^=/, ""));

// Longest aliases first, so "React Native" wins over "React" and "C++" over "C".
const alternation = [...new Set(catalogue.flat().map((form) => form.replace(/^=/, "")))]
  .sort((a, b) => b.length - a.length)
  .map(escapeForRegex)
  .join("|");

// Not inside a word, a dotted name ("foo.js") or an e-mail; not followed by letters, "++" or ".js".
const skillPattern = new RegExp(`(?<![\\p{L}\\p{N}_.#+@])(?:${alternation})(?![\\p{L}\\p{N}_#]|\\+\\+|\\.[\\p{L}\\p{N}])`, "giu");

// Links and addresses name hosts ("github.com/…"), not skills.
const linkOrEmail = /\b(?:https?:\/\/|www\.)\S+|\S+@\S+|\b[\w-]+\.(?:com|io|dev|org|net|fr)\/\S*/giu;

/** Every canonical skill name, in catalogue order. */
export function listCanonicalSkills(): readonly string[] {
  return canonicalNames;
}

/** The canonical name for one skill as a person typed it ("k8s" → "Kubernetes"), or null. */
export function normaliseSkill(raw: string): string | null {
  return aliasTable.get(keyOf(raw.trim()))?.canonical ?? null;
}

/** Canonical skills named in free text: deduplicated, in order of first mention. */
export function extractSkills(text: string): string[] {
  const cleaned = text.replace(linkOrEmail, " ");
  const found = new Set<string>();
  for (const match of cleaned.matchAll(skillPattern)) {
    const key = keyOf(match[0]);
    const info = aliasTable.get(key);
    if (!info || (info.exactForms && !info.exactForms.has(match[0]))) continue;
    const guard = guards.get(key);
    if (guard && !guard({ text: cleaned, start: match.index, end: match.index + match[0].length })) continue;
    found.add(info.canonical);
  }
  return [...found];
}
