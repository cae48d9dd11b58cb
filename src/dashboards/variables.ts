// Template variables shared by the dashboards. Query variables read label values from the scraped
// HTTP histogram, so they list exactly the services and routes that served requests.
import * as dashboard from "@grafana/grafana-foundation-sdk/dashboard";
import { PROMETHEUS } from "./datasources.ts";

/** Series that Prometheus scraped from a service's own /metrics (the same data also arrives by remote write). */
export const SCRAPED = 'source="scrape"';
const HTTP_COUNT = "http_server_request_duration_seconds_count";

function labelValues(name: string, label: string, query: string) {
  const definition = `label_values(${query}, ${label})`;
  return new dashboard.QueryVariableBuilder(name)
    .datasource(PROMETHEUS)
    .query({ qryType: 1, query: definition, refId: `${name}-variable` })
    .definition(definition)
    .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
    .sort(dashboard.VariableSort.AlphabeticalAsc);
}

/** Several services at once, all by default: `service_name=~"$service_name"` (links pass var-service_name). */
export function servicesVariable() {
  return labelValues("service_name", "service_name", `${HTTP_COUNT}{${SCRAPED}}`)
    .label("Service")
    .multi(true)
    .includeAll(true)
    .allValue(".+")
    .current({ text: "All", value: "$__all" });
}

/** Exactly one service: `service_name="$service_name"`; matching-api (the one with upstreams) first. */
export function serviceNameVariable() {
  return labelValues("service_name", "service_name", `${HTTP_COUNT}{${SCRAPED}}`).label("Service").current({ text: "matching-api", value: "matching-api" });
}

/** The routes of the chosen service: `http_route=~"$route"`. */
export function routeVariable() {
  return labelValues("route", "http_route", `${HTTP_COUNT}{${SCRAPED}, service_name="$service_name"}`)
    .label("Route")
    .multi(true)
    .includeAll(true)
    .allValue(".+")
    .current({ text: "All", value: "$__all" });
}

/** Log levels (SeverityText), all by default; Lucene gets `(error OR warn)` for several. */
export function logLevelVariable() {
  return new dashboard.CustomVariableBuilder("level")
    .label("Log level")
    .values("error,warn,info,debug")
    .multi(true)
    .includeAll(true)
    .allValue("*")
    .current({ text: "All", value: "$__all" });
}
