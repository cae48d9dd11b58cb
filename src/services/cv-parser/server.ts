import { SERVICES } from "../catalog.ts";
import { runService } from "../shared/run-service.ts";

await runService(SERVICES["cv-parser"], () => import("./app.ts"));
