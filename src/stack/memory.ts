// Resident memory of the stack's processes, read from /proc (each process group's members).
import { readdirSync, readFileSync } from "node:fs";
import type { Running } from "./supervisor.ts";

function statusField(pid: string, field: string): string | undefined {
  try {
    return new RegExp(`^${field}:\\s+(.+)$`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  } catch {
    return undefined;
  }
}

function processGroupOf(pid: string): string | undefined {
  try {
    // Field 5 of /proc/<pid>/stat, counted after the parenthesised command name.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2];
  } catch {
    return undefined;
  }
}

/** MiB of RSS per component: each component runs in its own process group. */
export function stackMemoryMiB(running: Running[]): Record<string, number> {
  const groups = new Map(running.map((entry) => [String(entry.child.pid), entry.component.name]));
  const totals: Record<string, number> = {};
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    const group = processGroupOf(pid);
    const name = group && groups.get(group);
    if (!name) continue;
    const kb = Number(statusField(pid, "VmRSS")?.split(" ")[0] ?? 0);
    totals[name] = (totals[name] ?? 0) + Math.round(kb / 1024);
  }
  return totals;
}
