// Liveness and readiness. Liveness says the process serves; readiness runs each check with a
// time bound and answers OK (200) or DEGRADED (503) with per-check status and latency.
import { context, metrics } from "@opentelemetry/api";
import { suppressTracing } from "@opentelemetry/core";
import type { Request, Response } from "express";
import { withTimeout } from "../lifecycle/timeout.ts";

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

export async function readiness(checks: Record<string, HealthCheck>, timeoutMs = 2_000): Promise<Readiness> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]): Promise<[string, CheckResult]> => {
      const started = performance.now();
      try {
        await withTimeout(check(), timeoutMs);
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

/**
 * Readiness as a gauge, app.service.ready (1 OK, 0 DEGRADED), so an alert sees a degraded service
 * without anyone polling /ready. Each collection runs the checks; readers collecting within a
 * second of each other (the /metrics scrape, the OTLP push) share one run.
 */
export function observeReadiness(checks: Record<string, HealthCheck>, timeoutMs?: number): void {
  let last: { at: number; ready: Promise<number> } | undefined;
  metrics
    .getMeter("otel-gateway")
    .createObservableGauge("app.service.ready", {
      description: "1 while every readiness check passes (GET /ready answers OK), 0 while DEGRADED.",
      unit: "{status}",
    })
    .addCallback(async (result) => {
      if (!last || performance.now() - last.at > 1_000) {
        // No trace for a probe nobody asked for: its HTTP calls to dependencies stay untraced.
        const checked = context.with(suppressTracing(context.active()), () => readiness(checks, timeoutMs));
        last = { at: performance.now(), ready: checked.then((outcome) => (outcome.status === "OK" ? 1 : 0)) };
      }
      result.observe(await last.ready);
    });
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
