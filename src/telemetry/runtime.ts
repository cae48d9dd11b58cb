// The V8 heap limit as a gauge (app.runtime.heap.limit, bytes): instrumentation-runtime-node reports
// heap use per space but not the limit itself, which the HeapNearLimit alert divides by.
import { getHeapStatistics } from "node:v8";
import { metrics } from "@opentelemetry/api";

export function observeHeapLimit(): void {
  metrics
    .getMeter("otel-gateway")
    .createObservableGauge("app.runtime.heap.limit", { description: "The V8 heap size limit of this process.", unit: "By" })
    .addCallback((result) => result.observe(getHeapStatistics().heap_size_limit));
}
