// Runtime: CPU, resident memory, V8 heap, event-loop delay and utilisation, GC — per service
// instance (the scrape target), from the host-metrics and runtime-node instrumentations.
import { newDashboard, UIDS } from "../dashboard.ts";
import { timeseriesPanel } from "../panels.ts";
import { SCRAPED, servicesVariable } from "../variables.ts";

const OF = `{${SCRAPED}, service_name=~"$service_name"}`;
const LEGEND = "{{service_name}} {{instance}}";

export const runtime = () =>
  newDashboard({
    uid: UIDS.runtime,
    title: "otel-gateway · Runtime",
    description: "Node.js processes per service instance: CPU, RSS, heap, event-loop delay and utilisation, garbage collection.",
    variables: [servicesVariable()],
    sections: [
      {
        row: "Process",
        panels: [
          timeseriesPanel({
            title: "CPU per instance",
            description: "CPU time used per second of wall time (user + system); 1 = one full core.",
            unit: "percentunit",
            width: 12,
            targets: [{ expr: `sum by (service_name, instance) (rate(process_cpu_time_seconds_total${OF}[$__rate_interval]))`, legend: LEGEND }],
          }),
          timeseriesPanel({
            title: "Resident memory (RSS) per instance",
            description: "Resident set size of the process (process.memory.usage): heap, code, buffers and native memory.",
            unit: "bytes",
            width: 12,
            targets: [{ expr: `sum by (service_name, instance) (process_memory_usage${OF})`, legend: LEGEND }],
          }),
        ],
      },
      {
        row: "V8 and the event loop",
        panels: [
          timeseriesPanel({
            title: "Heap used per instance",
            description: "V8 heap in use, all heap spaces, and the heap size V8 reserved for them.",
            unit: "bytes",
            targets: [
              { expr: `sum by (service_name, instance) (v8js_memory_heap_used_bytes${OF})`, legend: `used ${LEGEND}` },
              { expr: `sum by (service_name, instance) (v8js_memory_heap_space_size_bytes${OF})`, legend: `size ${LEGEND}` },
            ],
          }),
          timeseriesPanel({
            title: "Event-loop delay p99 per instance",
            description: "99th percentile of the event-loop delay: how late timers and I/O callbacks run. Above ~100 ms every request is held up.",
            unit: "s",
            redAt: 0.1,
            targets: [{ expr: `max by (service_name, instance) (nodejs_eventloop_delay_p99_seconds${OF})`, legend: LEGEND }],
          }),
          timeseriesPanel({
            title: "Event-loop utilisation per instance",
            description: "Share of time the event loop is busy running JavaScript (1 = saturated).",
            unit: "percentunit",
            targets: [{ expr: `max by (service_name, instance) (nodejs_eventloop_utilization_ratio${OF})`, legend: LEGEND }],
          }),
          timeseriesPanel({
            title: "Time in GC per instance",
            description: "Seconds of garbage collection per second, by GC type (minor, major, incremental, weakcb).",
            unit: "percentunit",
            width: 24,
            targets: [
              {
                expr: `sum by (service_name, instance, v8js_gc_type) (rate(v8js_gc_duration_seconds_sum${OF}[$__rate_interval]))`,
                legend: `${LEGEND} {{v8js_gc_type}}`,
              },
            ],
          }),
        ],
      },
    ],
  });
