// One JSON file per running part (<dir>/<name>.json: pid, process group, start time, boot id), so
// that what a killed `npm start` left behind can be found and stopped by the next one, and only
// that: a pid reused by an unrelated process has another start time or another group.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pollUntil } from "./poll.ts";
import { bootId, groupMembers, procStat, taggedGroups } from "./proc.ts";
import { signalGroup } from "./spawn.ts";

export interface PidRecord {
  name: string;
  pid: number;
  /** The group it leads (spawned with group: true): its workers are in it too. */
  pgid: number;
  startTime: string;
  bootId: string;
  command: string;
  /** The process that started it (npm start): while that one lives, the part is not a leftover. */
  owner: { pid: number; startTime: string };
}

const self = () => ({ pid: process.pid, startTime: procStat(process.pid)?.startTime ?? "0" });

/** Whether the starter named in `record` still runs. */
export function ownerAlive(record: PidRecord): boolean {
  return record.bootId === bootId() && procStat(record.owner.pid)?.startTime === record.owner.startTime;
}

/** Set in every part's environment to its pid directory, so that even a part without a pid file is found. */
export const PID_DIR_VARIABLE = "OTEL_GATEWAY_PID_DIR";

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).slice(0, 2).join(" ").slice(0, 80);
  } catch {
    return `pid ${pid}`;
  }
}

export class PidFiles {
  readonly dir: string;
  constructor(dir: string) {
    this.dir = dir;
    mkdirSync(dir, { recursive: true });
  }

  private file(name: string): string {
    return join(this.dir, `${name}.json`);
  }

  /** Records a process just spawned in its own group. */
  write(name: string, pid: number, command: string): void {
    const stat = procStat(pid);
    const record: PidRecord = { name, pid, pgid: pid, startTime: stat?.startTime ?? "0", bootId: bootId(), command, owner: self() };
    writeFileSync(this.file(name), `${JSON.stringify(record)}\n`);
  }

  /** Forgets `name`, unless its file already names a newer process (a restart). */
  remove(name: string, pid: number): void {
    if (this.read(name)?.pid === pid) rmSync(this.file(name), { force: true });
  }

  read(name: string): PidRecord | undefined {
    try {
      return JSON.parse(readFileSync(this.file(name), "utf8")) as PidRecord;
    } catch {
      return undefined;
    }
  }

  list(): PidRecord[] {
    return readdirSync(this.dir)
      .filter((file) => file.endsWith(".json"))
      .map((file) => this.read(file.slice(0, -".json".length)))
      .filter((record): record is PidRecord => record !== undefined);
  }

  /** The pids still alive of what `record` started: its group, less anything older than it. */
  alive(record: PidRecord): number[] {
    if (record.bootId !== bootId()) return [];
    const leader = procStat(record.pid);
    if (leader && leader.startTime !== record.startTime) return [];
    return groupMembers(record.pgid)
      .filter((member) => BigInt(member.startTime) >= BigInt(record.startTime))
      .map((member) => member.pid);
  }

  /** SIGKILL to every recorded group still alive, at once: the forced stop (a second Ctrl-C). */
  killAll(): void {
    for (const record of this.list()) if (this.alive(record).length) signalGroup(record.pgid, "SIGKILL");
  }

  /**
   * Stops what an earlier run left behind, its starter gone (SIGTERM to each group, SIGKILL after
   * `graceMs`), forgets stale files, and returns what was stopped.
   */
  async stopLeftovers({ graceMs = 5_000 } = {}): Promise<Array<{ name: string; pids: number[] }>> {
    const leftovers = this.list()
      .filter((record) => !ownerAlive(record))
      .map((record) => ({ record, pids: this.alive(record) }));
    const found = leftovers.filter(({ pids }) => pids.length);
    for (const { record } of found) signalGroup(record.pgid, "SIGTERM");
    const gone = () => found.every(({ record }) => this.alive(record).length === 0);
    await pollUntil(gone, "left-over processes to exit on SIGTERM", { timeoutMs: graceMs, intervalMs: 100 }).catch(() => {
      for (const { record } of found) signalGroup(record.pgid, "SIGKILL");
      return pollUntil(gone, "left-over processes to exit on SIGKILL", { timeoutMs: 5_000 });
    });
    for (const { record } of leftovers) rmSync(this.file(record.name), { force: true });
    // A part spawned in the instant before its starter was killed has no pid file yet; its
    // environment still names this directory (PID_DIR_VARIABLE), so it is found by that.
    const untracked = taggedGroups(PID_DIR_VARIABLE, this.dir).filter((pgid) => pgid !== process.pid);
    for (const pgid of untracked) signalGroup(pgid, "SIGTERM");
    const untrackedGone = () => untracked.every((pgid) => groupMembers(pgid).length === 0);
    await pollUntil(untrackedGone, "untracked left-over processes to exit on SIGTERM", { timeoutMs: graceMs, intervalMs: 100 }).catch(() => {
      for (const pgid of untracked) signalGroup(pgid, "SIGKILL");
      return pollUntil(untrackedGone, "untracked left-over processes to exit on SIGKILL", { timeoutMs: 5_000 });
    });
    return [
      ...found.map(({ record, pids }) => ({ name: record.name, pids })),
      ...untracked.map((pgid) => ({ name: `an unrecorded part (${commandOf(pgid)})`, pids: [pgid] })),
    ];
  }
}
