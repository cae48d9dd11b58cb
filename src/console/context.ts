// What every page reads from: where the backends are (<state>/endpoints.json, read per request so a
// restarted stack is picked up) and which health endpoints to check (given by the stack runner).
import { readEndpoints, type Endpoints } from "../stack/endpoints.ts";
import type { Target } from "./sources/health.ts";

export interface ConsoleContext {
  endpoints(): Endpoints;
  targets: Target[];
}

/** CONSOLE_TARGETS: JSON [{name, kind, healthUrl}], written by src/stack/components/console.ts. */
export function targetsFromEnv(raw = process.env.CONSOLE_TARGETS): Target[] {
  if (!raw) return [];
  try {
    const parsed = JSON.parse(raw) as Target[];
    return Array.isArray(parsed) ? parsed.filter((t) => t && typeof t.name === "string" && typeof t.healthUrl === "string") : [];
  } catch {
    process.emitWarning(`CONSOLE_TARGETS is not JSON; the overview shows no health checks`, { code: "OTEL_GATEWAY_BAD_ENV" });
    return [];
  }
}

export function defaultContext(file?: string): ConsoleContext {
  return { endpoints: () => readEndpoints(file), targets: targetsFromEnv() };
}
