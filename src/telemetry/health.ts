// Liveness and readiness. Liveness says the process serves; readiness runs each check with a
// time bound and answers OK (200) or DEGRADED (503) with per-check status and latency.
import type { Request, Response } from "express";

export type HealthCheck = () => Promise<void>;

export interface CheckResult {
  status: "OK" | "FAILED";
  latencyMs: number;
  error?: string;
}

export interface Readiness {
  status: "OK" | "DEGRADED";
  uptimeSeconds: number;
  checks: Record<string, CheckResult>;
}

const startedAt = performance.now();

function withTimeout(check: HealthCheck, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([check(), timeout]).finally(() => clearTimeout(timer));
}

export async function readiness(checks: Record<string, HealthCheck>, timeoutMs = 2_000): Promise<Readiness> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]): Promise<[string, CheckResult]> => {
      const started = performance.now();
      try {
        await withTimeout(check, timeoutMs);
        return [name, { status: "OK", latencyMs: Math.round(performance.now() - started) }];
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return [name, { status: "FAILED", latencyMs: Math.round(performance.now() - started), error: message }];
      }
    }),
  );
  const results = Object.fromEntries(entries);
  return {
    status: entries.every(([, result]) => result.status === "OK") ? "OK" : "DEGRADED",
    uptimeSeconds: Math.round((performance.now() - startedAt) / 1000),
    checks: results,
  };
}

export function livenessHandler() {
  return (_request: Request, response: Response): void => {
    response.json({ status: "OK" });
  };
}

export function readinessHandler(checks: Record<string, HealthCheck>, timeoutMs?: number) {
  return async (_request: Request, response: Response): Promise<void> => {
    const result = await readiness(checks, timeoutMs);
    response.status(result.status === "OK" ? 200 : 503).json(result);
  };
}
