import { SERVICES } from "../catalog.ts";
import { runService } from "../shared/run-service.ts";

await runService(SERVICES["job-parser"], () => import("./app.ts"));
