// Who a process is, from /proc (Linux): its start time (in clock ticks since boot) and process
// group tell one process from a later one that got the same pid, and list a group's members.
import { readdirSync, readFileSync } from "node:fs";

export interface ProcStat {
  pid: number;
  pgid: number;
  /** Clock ticks after boot: with the boot id, unique for the machine's lifetime. */
  startTime: string;
}

/** undefined: no such process (or it is a zombie, which is as good as gone). */
export function procStat(pid: number): ProcStat | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: the fields after it start at ") ".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (fields[0] === "Z" || fields[0] === "X") return undefined;
    return { pid, pgid: Number(fields[2]), startTime: fields[19]! };
  } catch {
    return undefined;
  }
}

export function bootId(): string {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    return "";
  }
}

/** Every live process whose process group is `pgid`. */
export function groupMembers(pgid: number): ProcStat[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map((name) => procStat(Number(name)))
    .filter((stat): stat is ProcStat => stat !== undefined && stat.pgid === pgid);
}

/** The process groups whose leader's environment has `variable=value` (our own parts, by their tag). */
export function taggedGroups(variable: string, value: string): number[] {
  const tag = `${variable}=${value}`;
  const groups = new Set<number>();
  for (const name of readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
    const stat = procStat(Number(name));
    if (!stat || stat.pgid !== stat.pid) continue;
    try {
      if (readFileSync(`/proc/${name}/environ`, "utf8").split("\0").includes(tag)) groups.add(stat.pgid);
    } catch {
      // Gone, or not ours to read.
    }
  }
  return [...groups];
}
