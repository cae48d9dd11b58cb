// `npm run dashboards:prove`: runs every dashboard query against the stack `npm start` runs
// (<state>/endpoints.json) over the last DASHBOARDS_PROVE_MINUTES (default 15) and prints the verdict;
// exits 1 when a query that is not allow-listed errs or answers nothing.
import { envNumber } from "../config/index.ts";
import { readEndpoints } from "../stack/endpoints.ts";
import { ALLOWED_EMPTY } from "./allow-list.ts";
import { dashboardsJson } from "./index.ts";
import { proveDashboards } from "./prove.ts";
import { reportProof } from "./report.ts";
import { dataPanels } from "./walk.ts";

const endpoints = readEndpoints();
const minutes = envNumber("DASHBOARDS_PROVE_MINUTES", 15, { min: 1, max: 7 * 24 * 60 });
const toMs = Date.now();
const boards = dashboardsJson();
const results = await proveDashboards({ prometheus: endpoints.prometheus, elasticsearch: endpoints.elasticsearch }, boards, {
  fromMs: toMs - minutes * 60_000,
  toMs,
  stepS: 15,
});
const { failing, stale, lines } = reportProof(results, Object.values(boards).flatMap(dataPanels).length, ALLOWED_EMPTY);
console.log(lines.join("\n"));
if (stale.length > 0) console.log(`allow-list entries naming no panel: ${stale.join("; ")}`);
process.exitCode = failing.length > 0 || stale.length > 0 ? 1 : 0;
