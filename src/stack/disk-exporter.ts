// The stack's disk, in Prometheus format, for the StackDisk* alerts and the console's disk page:
// bytes each part takes under the state dir beside its cap from STACK_DISK_BUDGET, and the free space of
// the filesystem beside the store's flood stage (where it starts refusing writes). Neither the
// collector's distribution nor the backends report a directory's size or our caps, so this small
// exporter does; `npm start` runs it as the part "disk-metrics" on DISK_METRICS_PORT (9099), compose as a service.
import { createServer, type Server } from "node:http";
import { diskBudget, storeWatermarks } from "../config/disk-budget.ts";
import { envString } from "../config/index.ts";
import { portOf } from "./ports.ts";
import { onStopSignal } from "../lifecycle/signals.ts";
import { stackDiskUse, stackFilesystem } from "./disk.ts";

export function diskExposition(env: NodeJS.ProcessEnv = process.env): string {
  const budget = diskBudget(env);
  const parts = stackDiskUse(env);
  const { free, size } = stackFilesystem();
  const lines = [
    "# HELP stack_disk_used_bytes Bytes allocated under each part's directories in the state dir.",
    "# TYPE stack_disk_used_bytes gauge",
    ...parts.map(({ part, bytes }) => `stack_disk_used_bytes{part="${part}"} ${bytes}`),
    "# HELP stack_disk_cap_bytes Each part's share of STACK_DISK_BUDGET.",
    "# TYPE stack_disk_cap_bytes gauge",
    ...parts.filter(({ cap }) => cap !== undefined).map(({ part, cap }) => `stack_disk_cap_bytes{part="${part}"} ${cap}`),
    "# HELP stack_disk_budget_bytes STACK_DISK_BUDGET.",
    "# TYPE stack_disk_budget_bytes gauge",
    `stack_disk_budget_bytes ${budget.total}`,
    "# HELP stack_filesystem_free_bytes Free bytes (for unprivileged users) on the filesystem holding the state dir.",
    "# TYPE stack_filesystem_free_bytes gauge",
    `stack_filesystem_free_bytes ${free}`,
    "# HELP stack_filesystem_size_bytes Size of the filesystem holding the state dir.",
    "# TYPE stack_filesystem_size_bytes gauge",
    `stack_filesystem_size_bytes ${size}`,
    "# HELP stack_store_flood_stage_free_bytes Free space below which the store refuses writes (its flood-stage watermark).",
    "# TYPE stack_store_flood_stage_free_bytes gauge",
    `stack_store_flood_stage_free_bytes ${storeWatermarks(budget).floodStage}`,
  ];
  return `${lines.join("\n")}\n`;
}

export function createDiskExporter(): Server {
  return createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://exporter").pathname;
    if (request.method !== "GET") return void response.writeHead(405, { allow: "GET" }).end();
    if (path === "/health") return void response.writeHead(200, { "content-type": "application/json" }).end('{"status":"OK"}');
    if (path !== "/metrics") return void response.writeHead(404).end();
    response.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(diskExposition());
  });
}

if (import.meta.main) {
  const port = portOf("DISK_METRICS_PORT");
  // Loopback natively; compose sets DISK_METRICS_HOST=0.0.0.0 for Prometheus's container.
  const server = createDiskExporter().listen(port, envString("DISK_METRICS_HOST", "127.0.0.1"));
  onStopSignal(() => new Promise<void>((resolve) => server.close(() => resolve())));
}
