// RED (rate, errors, duration) from the OTel HTTP server histogram, written once and used by the
// overview (by service) and the service detail (by route).
import { timeseriesPanel, type Link } from "./panels.ts";
import { SCRAPED } from "./variables.ts";

const COUNT = "http_server_request_duration_seconds_count";
const BUCKET = "http_server_request_duration_seconds_bucket";

export interface RedScope {
  /** PromQL label matchers, e.g. `service_name=~"$service_name"`. */
  selector: string;
  /** Labels to split by, e.g. ["service_name"]. */
  by: string[];
  /** Legend, e.g. "{{service_name}}". */
  legend: string;
  /** What the split is, for descriptions: "per service", "per route". */
  per: string;
  links?: Link[];
}

export function redPanels({ selector, by, legend, per, links }: RedScope) {
  const matchers = `{${SCRAPED}, ${selector}}`;
  const errors = `{${SCRAPED}, ${selector}, http_response_status_code=~"5.."}`;
  const group = by.join(", ");
  const quantile = (q: number) => ({
    expr: `histogram_quantile(${q}, sum by (${group}, le) (rate(${BUCKET}${matchers}[$__rate_interval])))`,
    legend: `p${Math.round(q * 100)} ${legend}`,
  });
  const common = links ? { links } : {};
  return [
    timeseriesPanel({
      title: `Request rate ${per}`,
      description: `HTTP requests served per second ${per} (every status), from the OTel HTTP server histogram each service exposes on /metrics.`,
      unit: "reqps",
      targets: [{ expr: `sum by (${group}) (rate(${COUNT}${matchers}[$__rate_interval]))`, legend }],
      ...common,
    }),
    timeseriesPanel({
      title: `Error ratio (5xx) ${per}`,
      description: `Share of requests answered with a 5xx ${per}; 0 when all succeed. 4xx are the caller's errors and are not counted. The ServiceErrorRatioHigh alerts (per route) open a ticket above 2% for 5 minutes and page above 5% for 2 minutes.`,
      unit: "percentunit",
      redAt: 0.05,
      targets: [
        {
          expr: `(sum by (${group}) (rate(${COUNT}${errors}[$__rate_interval])) or sum by (${group}) (rate(${COUNT}${matchers}[$__rate_interval])) * 0) / sum by (${group}) (rate(${COUNT}${matchers}[$__rate_interval]))`,
          legend,
        },
      ],
      ...common,
    }),
    timeseriesPanel({
      title: `Latency p50 / p95 / p99 ${per}`,
      description: `Server-side request duration quantiles ${per}, estimated from the histogram buckets (the bucket bounds limit the precision).`,
      unit: "s",
      targets: [quantile(0.5), quantile(0.95), quantile(0.99)],
      ...common,
    }),
  ];
}
