// prometheus/slo/<service>.yml, Sloth's input, generated from the services catalog (each service's
// API routes and latency threshold): the three specs differ only there. `npm run slo` writes them,
// then Sloth's rules from them; test/alerting/slo-specs.test.ts fails while a committed spec is stale.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { SERVICES, type ServiceSpec } from "../services/catalog.ts";
import { projectRoot } from "../config/paths.ts";

export const sloDir = join(projectRoot, "prometheus", "slo");

/** Availability: the share answered without a 5xx. Latency: the share answered within the service's threshold. */
const AVAILABILITY_OBJECTIVE = 99.9;
const LATENCY_OBJECTIVE = 95;

const duration = (seconds: number) => (seconds < 1 ? `${seconds * 1000} ms` : `${seconds} s`);

/** The histogram bucket of a bound: Prometheus 3 writes a whole number of seconds as "10.0". */
function bucketMatcher(seconds: number): { matcher: string; note: string } {
  return Number.isInteger(seconds)
    ? { matcher: `le=~"${seconds}(\\\\.0)?"`, note: `the histogram's le="${seconds}" (Prometheus 3 writes "${seconds}.0") bucket` }
    : { matcher: `le="${seconds}"`, note: `the histogram's le="${seconds}" bucket` };
}

const alertTail = (name: string) => `        runbook_url: "http://127.0.0.1:9097/runbooks#errorbudgetburn"
        dashboard_url: "http://localhost:3000/d/slos?var-service_name=${name}"
      page_alert:
        labels:
          severity: page
      ticket_alert:
        labels:
          severity: ticket
`;

export function renderSloSpec({ name, slo }: ServiceSpec): string {
  const series = (metric: string, extra = "") =>
    `sum(rate(http_server_request_duration_seconds_${metric}{source="scrape", service_name="${name}", http_route=~"${slo.routes}"${extra}}[{{.window}}]))`;
  const total = series("count");
  const within = duration(slo.latency.seconds);
  const bucket = bucketMatcher(slo.latency.seconds);
  const budget = Math.round((100 - AVAILABILITY_OBJECTIVE) * 10) / 10;
  return `# SLOs of ${name} in Sloth's prometheus/v1 format: the source of prometheus/rules/slo-${name}.yml, which is
# generated (\`npm run slo\`; a test fails if the committed rules differ from a fresh run), never edited.
# Generated itself from src/services/catalog.ts (\`npm run slo\`): edit the catalog, not this file.
# SLIs read the series Prometheus scrapes from the service (source="scrape") on its API routes only:
# probes (/health, /ready) and the admin routes neither spend nor earn error budget.
version: "prometheus/v1"
service: "${name}"
labels:
  service_name: "${name}"
slos:
  - name: "availability"
    objective: ${AVAILABILITY_OBJECTIVE}
    description: "${AVAILABILITY_OBJECTIVE} % of ${name}'s API requests over 30 days are answered without a 5xx."
    sli:
      events:
        error_query: ${series("count", ', http_response_status_code=~"5.."')} or vector(0)
        total_query: ${total}
    alerting:
      name: ErrorBudgetBurn
      labels:
        category: availability
      annotations:
        summary: "${name} is burning its availability error budget (SLO: ${AVAILABILITY_OBJECTIVE} % of requests without a 5xx over 30 days)"
        description: "{{ $value | humanizePercentage }} of ${name}'s requests failed with a 5xx over the short window; the budget is ${budget} %."
${alertTail(name)}  - name: "${slo.latency.name}"
    objective: ${LATENCY_OBJECTIVE}
    description: "${LATENCY_OBJECTIVE} % of ${name}'s API requests over 30 days are answered within ${within}."
    sli:
      events:
        # Slower than ${within}: every request minus those in ${bucket.note}.
        error_query: ${total} - ${series("bucket", `, ${bucket.matcher}`)}
        total_query: ${total}
    alerting:
      name: ErrorBudgetBurn
      labels:
        category: latency
      annotations:
        summary: "${name} is burning its latency error budget (SLO: ${LATENCY_OBJECTIVE} % of requests within ${within} over 30 days)"
        description: "{{ $value | humanizePercentage }} of ${name}'s requests took longer than ${within} over the short window; the budget is ${100 - LATENCY_OBJECTIVE} %."
${alertTail(name)}`;
}

export const sloSpecFile = (name: string) => join(sloDir, `${name}.yml`);

/** Writes every service's spec; answers the files. */
export function writeSloSpecs(): string[] {
  return Object.values(SERVICES).map((spec) => {
    const file = sloSpecFile(spec.name);
    writeFileSync(file, renderSloSpec(spec));
    return file;
  });
}

// `npm run gen:slo`: the specs only (`npm run slo` writes them and then Sloth's rules).
if (import.meta.main) {
  for (const file of writeSloSpecs()) console.log(`wrote ${file}`);
}
