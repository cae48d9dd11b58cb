import { SERVICES } from "../catalog.ts";
import { runService } from "../shared/run-service.ts";

await runService(SERVICES["matching-api"], () => import("./app.ts"));
