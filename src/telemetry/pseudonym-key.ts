// One random pseudonym key per stack, kept in its state dir so that a restart of the same stack keeps
// the ids it gave; a PSEUDONYM_KEY in the environment wins. The file is readable by its owner only.
// Beside pseudonym.ts, which uses the key; npm start and npm run services hand it over.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export function stackPseudonymKey(stackDir: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.PSEUDONYM_KEY) return env.PSEUDONYM_KEY;
  const file = join(stackDir, "pseudonym-key");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(stackDir, { recursive: true });
    const key = randomBytes(32).toString("hex");
    // "wx": if another start wrote one meanwhile, keep theirs.
    try {
      writeFileSync(file, `${key}\n`, { mode: 0o600, flag: "wx" });
      return key;
    } catch {
      return readFileSync(file, "utf8").trim();
    }
  }
}
