// Whether a cached build is still good: a digest of its inputs, and a binary that is there to run.
import { createHash } from "node:crypto";
import { accessSync, constants, existsSync, readFileSync } from "node:fs";

/** A short digest of files, to tell whether a cached build still matches its inputs. */
export function digestOf(...files: string[]): string {
  const hash = createHash("sha256");
  for (const file of files) hash.update(existsSync(file) ? readFileSync(file) : file);
  return hash.digest("hex").slice(0, 16);
}

export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
