// Each part's disk against its cap, and the free space of the stack's filesystem, as the disk
// exporter (src/stack/disk-exporter.ts) reports them to Prometheus: the same figures the StackDisk*
// alerts judge, so the page and the alerts never disagree.
import { queryInstant, type Sample } from "../../backends/index.ts";

export interface PartDisk {
  part: string;
  used: number;
  cap?: number;
  /** Bytes a day at the last hour's rate (deriv). */
  perDay?: number;
}

export interface StackDisk {
  parts: PartDisk[];
  free?: number;
  size?: number;
  /** Free space below which the store refuses writes. */
  floodStage?: number;
}

const byPart = (vector: Sample[]) => new Map(vector.map(({ labels, value }) => [labels.part ?? "", value]));
const single = (vector: Sample[]) => vector[0]?.value;

export async function stackDisk(prometheusUrl: string): Promise<StackDisk> {
  const [used, caps, perDay, free, size, floodStage] = await Promise.all(
    [
      "stack_disk_used_bytes",
      "stack_disk_cap_bytes",
      "deriv(stack_disk_used_bytes[1h]) * 86400",
      "stack_filesystem_free_bytes",
      "stack_filesystem_size_bytes",
      "stack_store_flood_stage_free_bytes",
    ].map((query) => queryInstant(prometheusUrl, query)),
  );
  const capOf = byPart(caps!);
  const dayOf = byPart(perDay!);
  return {
    parts: [...byPart(used!)]
      .map(([part, bytes]) => ({ part, used: bytes, cap: capOf.get(part), perDay: dayOf.get(part) }))
      .sort((a, b) => a.part.localeCompare(b.part)),
    free: single(free!),
    size: single(size!),
    floodStage: single(floodStage!),
  };
}
