// Ours in the bench: cv-parser exactly as it runs (its telemetry, skeleton and routes), plus the bench's
// GET /hello. Telemetry starts first and the app modules load after it, as in the service's server.ts.
import { SERVICES } from "../../src/services/catalog.ts";
import { runService } from "../../src/services/shared/run-service.ts";

await runService(SERVICES["cv-parser"], () => import("./app.ts"));
