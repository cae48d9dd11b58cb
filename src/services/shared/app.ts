// The Express skeleton every service shares: request context first, probes, admin flags, the
// service's own routes, then 404 and the problem-details handler.
import express, { type Router } from "express";
import { livenessHandler, notFound, observeReadiness, problemHandler, readinessHandler, requestContext, type HealthCheck } from "../../http/index.ts";
import { adminGuard, listFlags, putFlag } from "./admin.ts";
import { rawBody } from "./body.ts";
import type { Flags } from "./flags.ts";

export interface AppParts {
  flags: Flags;
  routes: Router;
  readinessChecks?: Record<string, HealthCheck>;
}

export function createServiceApp({ flags, routes, readinessChecks = {} }: AppParts): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", false);
  app.use(requestContext());
  app.get("/health", livenessHandler());
  app.get("/ready", readinessHandler(readinessChecks));
  observeReadiness(readinessChecks);
  app.use(rawBody());
  app.get("/admin/flags", adminGuard(), listFlags(flags));
  app.put("/admin/flags/:name", adminGuard(), putFlag(flags));
  app.use(routes);
  app.use(notFound());
  app.use(problemHandler());
  return app;
}
