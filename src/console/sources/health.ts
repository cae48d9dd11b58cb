// Health of each part of the stack, from its own health endpoint: a service's /ready (which says
// DEGRADED itself when a dependency fails), a backend's readiness URL. No answer is DOWN.
// The targets' type is the stack's, which hands them over in CONSOLE_TARGETS.
import type { HealthTarget as Target } from "../../stack/types.ts";

export type { Target };
export type Status = "OK" | "DEGRADED" | "DOWN";

export interface Health extends Target {
  status: Status;
  latencyMs: number;
  checkedAt: Date;
  detail: string;
}

export async function checkHealth(target: Target, timeoutMs = 3_000): Promise<Health> {
  const started = performance.now();
  const checkedAt = new Date();
  const done = (status: Status, detail: string): Health => ({ ...target, status, detail, checkedAt, latencyMs: Math.round(performance.now() - started) });
  try {
    const response = await fetch(target.healthUrl, { signal: AbortSignal.timeout(timeoutMs) });
    const body = await response.text();
    if (response.ok) return done("OK", "");
    // A readiness answer names the failing checks; anything else that answers is alive but unwell.
    let detail = `HTTP ${response.status}`;
    try {
      const checks = (JSON.parse(body) as { checks?: Record<string, { status: string; error?: string }> }).checks ?? {};
      const failing = Object.entries(checks).filter(([, check]) => check.status !== "OK");
      if (failing.length) detail = failing.map(([name, check]) => `${name}: ${check.error ?? check.status}`).join("; ");
    } catch {
      // Not JSON: the status code says enough.
    }
    return done("DEGRADED", detail);
  } catch (error) {
    return done("DOWN", error instanceof Error && error.name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : String((error as Error).cause ?? error));
  }
}
