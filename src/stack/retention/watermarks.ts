// The store's disk watermarks, as free space from STACK_DISK_BUDGET (storeWatermarks): below `low`
// it places no new shards, below `high` it moves them away, below `flood_stage` it makes every index
// read-only and refuses writes. Set through the cluster settings API, natively (OpenSearch starts
// with the checks off, Main.java) and in compose (store-setup): persistent, so they survive restarts.
// Run by compose's store-setup: node src/stack/retention/watermarks.ts http://elasticsearch:9200
import { putClusterSettings } from "../../backends/elasticsearch-admin.ts";
import { diskBudget, storeWatermarks } from "../../config/disk-budget.ts";

const mb = (bytes: number) => `${Math.max(1, Math.floor(bytes / 2 ** 20))}mb`;

export async function applyWatermarks(baseUrl: string, budget = diskBudget()): Promise<void> {
  const { low, high, floodStage } = storeWatermarks(budget);
  await putClusterSettings(baseUrl, {
    "cluster.routing.allocation.disk.threshold_enabled": true,
    "cluster.routing.allocation.disk.watermark.low": mb(low),
    "cluster.routing.allocation.disk.watermark.high": mb(high),
    "cluster.routing.allocation.disk.watermark.flood_stage": mb(floodStage),
  });
}

if (import.meta.main) {
  const url = process.argv[2] ?? process.env.ELASTICSEARCH_ENDPOINT ?? "http://127.0.0.1:9200";
  await applyWatermarks(url);
  const { low, high, floodStage } = storeWatermarks(diskBudget());
  console.log(`disk watermarks of ${url}: free space ${mb(low)} (low), ${mb(high)} (high), ${mb(floodStage)} (flood stage, writes refused)`);
}
