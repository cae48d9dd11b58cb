// Where the job is and whether it is remote, hybrid or on site.
import { foldAccents } from "../text/normalise.ts";
import type { Scored, WorkMode } from "../types.ts";

const LABELLED_LOCATION = /^(?:location|lieu(?: de travail)?|localisation|based in|office|ville)\s*[:：-]\s*(.+)$/imu;
const CITIES =
  /\b(Paris|Lyon|Marseille|Toulouse|Bordeaux|Lille|Nantes|Nice(?! to)|Rennes|Strasbourg|Montpellier|Grenoble|Sophia Antipolis|London|Berlin|Amsterdam|Dublin|Barcelona|Madrid|Brussels|Bruxelles|Geneva|Genève|Lausanne|Zurich|Montreal|Montréal|Toronto|New York|San Francisco|Austin|Boston|Seattle|Luxembourg|Stockholm|Warsaw|Lisbon|Munich|Milan)\b/u;

export function readLocation(text: string): Scored<string | null> {
  const labelled = LABELLED_LOCATION.exec(text);
  if (labelled) return { value: labelled[1]!.trim().replace(/[.;]$/, ""), confidence: 0.9 };
  const city = CITIES.exec(text);
  return city ? { value: city[1]!, confidence: 0.6 } : { value: null, confidence: 0 };
}

// Matched against accent-folded lower-case text, in order: a "no remote" must not read as remote.
const MODES: ReadonlyArray<readonly [RegExp, WorkMode]> = [
  [/\b(?:no remote|not remote|pas de teletravail|sans teletravail|100\s?% (?:sur site|presentiel|on[- ]site))\b/, "onsite"],
  [
    /\b(?:hybrid|hybride|teletravail (?:partiel|possible|\d|occasionnel)|\d (?:days?|jours?) (?:of |de )?(?:remote|teletravail)|(?:remote|teletravail) \d (?:days?|jours?)|partial remote|flex office)\b/,
    "hybrid",
  ],
  [
    /\b(?:full[- ]?remote|fully remote|100\s?% (?:remote|teletravail)|remote[- ]first|full teletravail|teletravail (?:complet|total|integral)|remote only|work from anywhere|remote \((?:eu|europe|us|worldwide)[^)]*\))/,
    "remote",
  ],
  [/\b(?:on[- ]?site|onsite|in[- ]office|sur site|presentiel|in person)\b/, "onsite"],
  [/\b(?:teletravail)\b/, "hybrid"],
  [/\bremote\b/, "remote"],
];

export function readWorkMode(text: string): Scored<WorkMode> {
  const folded = foldAccents(text).toLowerCase();
  const found = MODES.findIndex(([pattern]) => pattern.test(folded));
  if (found === -1) return { value: "unknown", confidence: 0 };
  // The last two rules guess from a bare word, so they are trusted less.
  return { value: MODES[found]![1], confidence: found >= MODES.length - 2 ? 0.6 : 0.85 };
}
