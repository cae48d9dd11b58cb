// Each part's disk against its cap, and the free space of the stack's filesystem, as the disk
// exporter (src/stack/disk-exporter.ts) reports them to Prometheus: the same figures the StackDisk*
// alerts judge, so the page and the alerts never disagree.
import { getJson } from "../../lookup/http.ts";

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

type Vector = Array<{ metric: Record<string, string>; value: [number, string] }>;

async function instant(prometheusUrl: string, query: string): Promise<Vector> {
  const answer = await getJson<{ data: { result: Vector } }>(`${prometheusUrl}/api/v1/query?${new URLSearchParams({ query })}`);
  return answer.data.result;
}

const byPart = (vector: Vector) => new Map(vector.map(({ metric, value }) => [metric.part ?? "", Number(value[1])]));
const single = (vector: Vector) => (vector[0] ? Number(vector[0].value[1]) : undefined);

export async function stackDisk(prometheusUrl: string): Promise<StackDisk> {
  const [used, caps, perDay, free, size, floodStage] = await Promise.all(
    [
      "stack_disk_used_bytes",
      "stack_disk_cap_bytes",
      "deriv(stack_disk_used_bytes[1h]) * 86400",
      "stack_filesystem_free_bytes",
      "stack_filesystem_size_bytes",
      "stack_store_flood_stage_free_bytes",
    ].map((query) => instant(prometheusUrl, query)),
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
