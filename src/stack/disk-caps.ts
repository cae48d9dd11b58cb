// STACK_DISK_BUDGET as `npm start` shows it: each capped part's share beside the component that
// holds it, one line that spells out the split, and the block endpoints.json carries.
import { diskBudget, formatBytes, storeWatermarks, type CappedPart, type DiskBudget } from "../config/disk-budget.ts";
import type { RotationPolicy } from "../lifecycle/log-rotation.ts";

/** Up to 16 parts' logs (a gateway pool adds some), each with 3 rotated copies, within the logs' cap. */
export function logRotation(capBytes: number, parts = 16, keep = 3): RotationPolicy {
  return { maxBytes: Math.floor(capBytes / (parts * (keep + 1))), keep };
}

/** Which component's disk each cap bounds (the logs' cap spans every part). */
const CAPPED_COMPONENT: Record<string, CappedPart> = { opensearch: "store", prometheus: "prometheus", collector: "queues" };

export function capOfComponent(name: string, budget: DiskBudget = diskBudget()): string {
  const part = CAPPED_COMPONENT[name];
  return part ? formatBytes(budget.caps[part]) : "";
}

export function budgetLine(budget: DiskBudget = diskBudget()): string {
  const { caps, queueBytes } = budget;
  const rotation = logRotation(caps.logs);
  return (
    `Disk budget ${budget.text} (STACK_DISK_BUDGET): store ${formatBytes(caps.store)}, Prometheus ${formatBytes(caps.prometheus)}, ` +
    `collector queues ${formatBytes(caps.queues)} (4 × ${formatBytes(queueBytes)}), logs ${formatBytes(caps.logs)} (rotated at ${formatBytes(rotation.maxBytes)}, ${rotation.keep} kept); ` +
    `the store refuses writes below ${formatBytes(storeWatermarks(budget).floodStage)} free.`
  );
}

/** For endpoints.json: the budget and each cap in bytes, and where the disk metrics are. */
export function diskEndpoint(metricsUrl: string, budget: DiskBudget = diskBudget()) {
  return {
    budget: budget.text,
    budgetBytes: budget.total,
    capBytes: budget.caps,
    storeFloodStageFreeBytes: storeWatermarks(budget).floodStage,
    metrics: metricsUrl,
  };
}
