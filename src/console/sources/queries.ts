// The PromQL behind the console's charts, in one place. Every series as scraped from each service
// (source="scrape": the remote-written copy would count twice): HTTP RED from the OTel server
// histogram, ML and LLM usage from the services' domain instruments (src/telemetry/instruments.ts).
import { promLabel } from "./prometheus.ts";

const HTTP = "http_server_request_duration_seconds";

/** Label matchers for a service, or for every service scraped. */
function selector(service: string | undefined, extra = ""): string {
  const matchers = [`source="scrape"`, service ? `service_name=${promLabel(service)}` : "", extra].filter(Boolean);
  return `{${matchers.join(",")}}`;
}

export function requestRate(window: string, service?: string): string {
  return `sum by (service_name) (rate(${HTTP}_count${selector(service)}[${window}]))`;
}

/** 5xx answers over all answers; a service with traffic and no 5xx series gets 0, not nothing. */
export function errorRatio(window: string, service?: string): string {
  const all = requestRate(window, service);
  const errors = `sum by (service_name) (rate(${HTTP}_count${selector(service, `http_response_status_code=~"5.."`)}[${window}]))`;
  return `(${errors} or ${all} * 0) / ${all}`;
}

export function latencyP95(window: string, service?: string): string {
  return `histogram_quantile(0.95, sum by (service_name, le) (rate(${HTTP}_bucket${selector(service)}[${window}])))`;
}

export function mlLatencyP95(window: string, service?: string): string {
  return `histogram_quantile(0.95, sum by (service_name, app_operation, le) (rate(app_operation_duration_seconds_bucket${selector(service)}[${window}])))`;
}

export function mlRequestRate(window: string, service?: string): string {
  return `sum by (service_name, app_outcome) (rate(app_operations_total${selector(service)}[${window}]))`;
}

export function tokenRate(window: string, service?: string): string {
  return `sum by (service_name, gen_ai_token_type) (rate(gen_ai_client_token_usage_sum${selector(service)}[${window}]))`;
}

/** US dollars per hour. */
export function llmCostRate(window: string, service?: string): string {
  return `sum by (service_name) (rate(app_llm_cost_USD_total${selector(service)}[${window}])) * 3600`;
}
