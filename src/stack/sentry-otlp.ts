// The collector's optional Sentry OTLP overlay: switched on by SENTRY_OTLP_DSN, whose parts become
// the variables collector/gateway.sentry.yaml reads.
import { join } from "node:path";
import { projectRoot } from "../config/paths.ts";

export const sentryOverlay = join(projectRoot, "collector", "gateway.sentry.yaml");

/** https://<public-key>@<host>[:port][/<path>]/<project-id> → the overlay's variables. */
export function sentryOtlpEnv(dsn: string): Record<string, string> {
  const url = new URL(dsn);
  const segments = url.pathname.split("/").filter(Boolean);
  const projectId = segments.pop();
  if (!url.username || !projectId) throw new Error(`SENTRY_OTLP_DSN is not a Sentry DSN: ${url.protocol}//…@${url.host}`);
  return {
    SENTRY_OTLP_BASE_URL: `${url.protocol}//${url.host}${segments.length ? `/${segments.join("/")}` : ""}`,
    SENTRY_OTLP_PROJECT_ID: projectId,
    SENTRY_OTLP_PUBLIC_KEY: url.username,
  };
}
