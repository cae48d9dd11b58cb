// Size-based rotation of the logs the stack's parts write straight into (<state>/logs/<part>.log):
// copy and truncate, as logrotate's copytruncate does, because each part holds its own descriptor
// of the file (it keeps logging if `npm start` is killed) and cannot be told to reopen it. The
// descriptor is O_APPEND (spawn.ts), so after the truncation the part writes from the new start.
// A line written between the copy and the truncation is lost: the price of copytruncate.
import { copyFileSync, renameSync, statSync, truncateSync, unlinkSync } from "node:fs";

export interface RotationPolicy {
  /** A file beyond this size is rotated. */
  maxBytes: number;
  /** Rotated copies kept: <file>.1 (newest) … <file>.<keep>. */
  keep: number;
}

/** Rotates `file` if it has grown past maxBytes; true if it did. Missing files are no error. */
export function rotateIfLarge(file: string, { maxBytes, keep }: RotationPolicy): boolean {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return false;
  }
  if (size <= maxBytes) return false;
  for (let i = keep; i >= 1; i--) {
    const from = i === 1 ? undefined : `${file}.${i - 1}`;
    try {
      if (i === keep) unlinkSync(`${file}.${keep}`);
    } catch {
      // Not there yet.
    }
    if (from)
      try {
        renameSync(from, `${file}.${i}`);
      } catch {
        // Not there yet.
      }
  }
  try {
    if (keep > 0) copyFileSync(file, `${file}.1`);
  } finally {
    // Even when the copy fails (a full disk): the log is let go rather than left to grow.
    truncateSync(file, 0);
  }
  return true;
}
