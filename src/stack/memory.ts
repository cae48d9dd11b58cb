// Resident memory and CPU time of the stack's processes, read from /proc (each process group's members).
// RSS counts mapped files too (Lucene's segments, Prometheus's chunks), which grow with the data on
// disk and which the kernel drops at will; anonymous memory (RssAnon) is what a leak would grow.
import { readdirSync, readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import type { Running } from "./supervisor.ts";

const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

interface ProcessUsage {
  pgid: string;
  rssKiB: number;
  anonKiB: number;
  /** User + system CPU time so far. */
  cpuMs: number;
}

function usageOf(pid: string): ProcessUsage | undefined {
  try {
    // Fields after the parenthesised command name: pgrp is the 3rd, utime and stime the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kiB = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB$`, "m").exec(status)?.[1] ?? 0);
    return { pgid: fields[2]!, rssKiB: kiB("VmRSS"), anonKiB: kiB("RssAnon"), cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS };
  } catch {
    return undefined;
  }
}

export interface PartUsage {
  rssMiB: number;
  /** The anonymous part of the RSS: heaps and stacks, no mapped files. */
  anonMiB: number;
  /** CPU time of its live processes so far (a restarted part starts again from 0). */
  cpuMs: number;
}

/** RSS and CPU time per component: each component runs in its own process group. */
export function stackUsage(running: Running[]): Record<string, PartUsage> {
  const groups = new Map(running.map((entry) => [String(entry.child.pid), entry.component.name]));
  const totals: Record<string, PartUsage> = {};
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    const usage = usageOf(pid);
    const name = usage && groups.get(usage.pgid);
    if (!name) continue;
    const total = (totals[name] ??= { rssMiB: 0, anonMiB: 0, cpuMs: 0 });
    total.rssMiB += usage.rssKiB / 1024;
    total.anonMiB += usage.anonKiB / 1024;
    total.cpuMs += usage.cpuMs;
  }
  return totals;
}

/** MiB of RSS per component. */
export function stackMemoryMiB(running: Running[]): Record<string, number> {
  return Object.fromEntries(Object.entries(stackUsage(running)).map(([name, { rssMiB }]) => [name, Math.round(rssMiB)]));
}
