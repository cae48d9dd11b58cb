// Disk taken by each part of the native stack, read from its directory under the state dir (blocks
// allocated, as du counts them), beside its cap from STACK_DISK_BUDGET and the filesystem's free space.
import { existsSync, lstatSync, readdirSync, statfsSync } from "node:fs";
import { dirname, join } from "node:path";
import { diskBudget, type CappedPart } from "../config/disk-budget.ts";
import { statePath } from "../config/paths.ts";

/** Where each part keeps what it writes; Jaeger's traces live in the store. */
export const DISK_DIRS = {
  store: ["opensearch"],
  prometheus: ["prometheus"],
  queues: ["collector-storage"],
  logs: ["logs"],
  other: ["alertmanager", "bugsink", "notifications"],
} as const satisfies Record<CappedPart | "other", readonly string[]>;

export type DiskPart = keyof typeof DISK_DIRS;

/** Bytes allocated under a directory; 0 when it does not exist. Files vanishing mid-walk are skipped. */
export function bytesUnder(path: string): number {
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.blocks * 512;
  let entries: string[];
  try {
    entries = readdirSync(path);
  } catch {
    return stat.blocks * 512;
  }
  return entries.reduce((sum, entry) => sum + bytesUnder(join(path, entry)), stat.blocks * 512);
}

export interface PartDisk {
  part: DiskPart;
  bytes: number;
  /** undefined: no cap of its own (it lives in the budget's headroom). */
  cap?: number;
}

export function stackDiskUse(env: NodeJS.ProcessEnv = process.env): PartDisk[] {
  const { caps } = diskBudget(env);
  return (Object.entries(DISK_DIRS) as Array<[DiskPart, readonly string[]]>).map(([part, dirs]) => ({
    part,
    bytes: dirs.reduce((sum, dir) => sum + bytesUnder(statePath(dir)), 0),
    cap: part === "other" ? undefined : caps[part],
  }));
}

/** Free and total bytes of the filesystem holding the state dir. */
export function stackFilesystem(): { free: number; size: number } {
  const stats = statfsSync(nearestExisting(statePath("")));
  return { free: stats.bavail * stats.bsize, size: stats.blocks * stats.bsize };
}

/** The state dir itself, or the folder it will be made in: a new checkout has none until the stack first writes. */
function nearestExisting(path: string): string {
  let dir = path;
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
