// Stop in dependency order: a part stops before what it sends to, so that its last flush still finds
// a receiver. Each tier gets SIGTERM together, SIGKILL after its grace; the next tier starts once
// every process of this one has exited.
import type { ChildProcess } from "node:child_process";
import { stopGroup } from "./spawn.ts";

/** Lower stops first. Load generator and console, then the services, the agent, the gateways, the backends. */
export const STOP_TIER = { clients: 0, services: 1, agent: 2, collectors: 3, backends: 4 } as const;
export type StopTier = (typeof STOP_TIER)[keyof typeof STOP_TIER];

export interface Stoppable {
  child: ChildProcess;
  tier: number;
}

/** Tiers in ascending order, each stopped (grace, then SIGKILL) before the next begins. */
export async function stopInOrder(parts: Stoppable[], { graceMs = 8_000 }: { graceMs?: number } = {}): Promise<void> {
  const tiers = [...new Set(parts.map(({ tier }) => tier))].sort((a, b) => a - b);
  for (const tier of tiers) {
    await Promise.all(parts.filter((part) => part.tier === tier).map(({ child }) => stopGroup(child, { graceMs })));
  }
}
