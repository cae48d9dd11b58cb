// Files that carry a secret (a token, a DSN, a password): readable by their owner only.
import { chmodSync, renameSync, writeFileSync } from "node:fs";

/** Written beside and renamed over, so an older copy left 0644 is replaced, not rewritten in its old mode. */
export function writePrivateFile(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  chmodSync(temporary, 0o600); // the umask may have taken bits off, never added them: this is only a guard
  renameSync(temporary, file);
}
