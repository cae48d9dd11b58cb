// `npm run dashboards`: writes grafana/dashboards/*.json from the TypeScript in this folder, after the
// linter passed, and removes JSON files no dashboard produces any more.
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DASHBOARDS_DIR, dashboardsJson, renderDashboards } from "./index.ts";
import { lintDashboards } from "./lint.ts";

const problems = lintDashboards(dashboardsJson());
if (problems.length > 0) {
  console.error(`dashboard linter: ${problems.length} problem(s)\n${problems.join("\n")}`);
  process.exit(1);
}
const files = renderDashboards();
for (const [file, text] of Object.entries(files)) writeFileSync(join(DASHBOARDS_DIR, file), text);
for (const stale of readdirSync(DASHBOARDS_DIR).filter((file) => file.endsWith(".json") && !(file in files))) {
  rmSync(join(DASHBOARDS_DIR, stale));
  console.log(`removed ${stale}`);
}
console.log(`wrote ${Object.keys(files).length} dashboards to ${DASHBOARDS_DIR}`);
