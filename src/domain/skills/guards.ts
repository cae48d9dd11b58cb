// Context checks for skill names that are also ordinary words or letters.
// A guard sees the whole text and where the candidate sits, and says whether to keep it.

export interface Candidate {
  text: string;
  start: number;
  end: number;
}

export type Guard = (candidate: Candidate) => boolean;

const LIST_BEFORE = /(?:^|[,;:/(|•·*+&\-–—]|\b(?:and|et|in|en|with|avec|or|ou|using|including|dont|sous|under))\s*$/iu;
const LIST_AFTER = /^\s*(?:$|[,;/)|.]|\b(?:and|et|or|ou|programming|developer|développeur|code|language|langage)\b)/imu;

function lineBefore({ text, start }: Candidate): string {
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  return text.slice(lineStart, start);
}

function lineAfter({ text, end }: Candidate): string {
  const lineEnd = text.indexOf("\n", end);
  return text.slice(end, lineEnd === -1 ? text.length : lineEnd);
}

/** A lone letter is a language only when it sits in a list ("C, C++ and Python", "in C."). */
const listedOnBothSides: Guard = (c) => {
  const after = lineAfter(c);
  // "C'est" is French; "R&D" and "C-level" are not languages. ("Jean C. Martin" fails the list test.)
  if (/^['’&-]/u.test(after)) return false;
  return LIST_BEFORE.test(lineBefore(c)) && LIST_AFTER.test(after);
};

/** "Go" the language, but not "Go to market", "Go-to", "16 Go" (gigaoctets). */
const goTheLanguage: Guard = (c) => {
  if (/\d\s*$/.test(lineBefore(c))) return false;
  return !/^(?:-to\b|\s+(?:to|ahead|live|further|beyond|back|through|get)\b)/i.test(lineAfter(c));
};

/** "Vue" the framework, but not "Vue d'ensemble" or "Vue de la mer". */
const vueTheFramework: Guard = (c) => !/^(?:\s*['’]|\s+(?:de|des|du|d['’]|sur)\b)/i.test(lineAfter(c));

/** "Tableau" the product, but not "Tableau de bord". */
const tableauTheProduct: Guard = (c) => !/^\s+(?:de|des|du|d['’])\b/i.test(lineAfter(c));

/** "Spring" the framework, but not "Spring 2021". */
const springTheFramework: Guard = (c) => !/^\s*\d/.test(lineAfter(c));

/** "Vite" the bundler, but not the French adverb ("très vite", "Vite fait"). */
const viteTheBundler: Guard = (c) => !/\b(?:très|trop|assez|plus|aussi|si)\s*$/i.test(lineBefore(c)) && !/^\s+(?:fait|et)\b/i.test(lineAfter(c));

/** Guards by the lower-cased bare form they protect; longer forms ("Spring Boot") need none. */
export const guards: ReadonlyMap<string, Guard> = new Map([
  ["c", listedOnBothSides],
  ["r", listedOnBothSides],
  ["go", goTheLanguage],
  ["vue", vueTheFramework],
  ["tableau", tableauTheProduct],
  ["spring", springTheFramework],
  ["vite", viteTheBundler],
]);
