// The process the scrape benchmark forks: cv-parser as it really runs (telemetry first, then the
// app), plus, on request, a synthetic histogram over more routes to raise the series count; it
// reports its own event-loop delay around each scrape over IPC.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { metrics } from "@opentelemetry/api";
import { SERVICES } from "../src/services/catalog.ts";
import { runService } from "../src/services/shared/run-service.ts";

export type ScrapeTargetMessage = { kind: "add-routes"; count: number } | { kind: "watch" } | { kind: "report" };
export interface DelayReport {
  maxMs: number;
  p99Ms: number;
}

await runService(SERVICES["cv-parser"], () => import("../src/services/cv-parser/app.ts"));

const synthetic = metrics.getMeter("otel-gateway.bench").createHistogram("bench.synthetic.request.duration", { unit: "s" });
let delay: ReturnType<typeof monitorEventLoopDelay> | undefined;

process.on("message", (message: ScrapeTargetMessage) => {
  if (message.kind === "add-routes") {
    for (let i = 0; i < message.count; i++) {
      synthetic.record(0.01, { "http.route": `/v1/synthetic/${i}`, "http.request.method": "POST", "http.response.status_code": 200 });
    }
    process.send!({ kind: "added" });
  } else if (message.kind === "watch") {
    delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    process.send!({ kind: "watching" });
  } else if (message.kind === "report" && delay) {
    delay.disable();
    process.send!({ kind: "delay", maxMs: delay.max / 1e6, p99Ms: delay.percentile(99) / 1e6 } satisfies DelayReport & { kind: string });
  }
});
process.send!({ kind: "ready" });
