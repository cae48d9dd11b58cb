// Overview: every part of the stack with its health, the services' request rate, error ratio and
// p95 over the last 15 minutes, active alerts and the last errors. Reloads itself every 30 s.
import { recentIssues, searchLogs } from "../../backends/index.ts";
import { formatValue, sparkline } from "../charts.ts";
import type { ConsoleContext } from "../context.ts";
import { backendError, html, page, section, time, type Html } from "../html.ts";
import { activeAlerts } from "../sources/alerts.ts";
import { checkHealth, type Health } from "../sources/health.ts";
import { gridOf, latest, queryRange, type TimeSeries } from "../sources/prometheus.ts";
import { errorRatio, latencyP95, requestRate } from "../sources/queries.ts";

/** The paging threshold of ServiceErrorRatioHigh (prometheus/rules/services.yml): above it a healthy service shows DEGRADED. */
const ERROR_RATIO_DEGRADED = 0.05;

const badge = (status: string) => html`<span class="status status-${status.toLowerCase()}">${status}</span>`;

function serviceRows(health: Health[], red: Record<"rate" | "errors" | "p95", TimeSeries[]>, grid: ReturnType<typeof gridOf>): Html {
  const find = (list: TimeSeries[], name: string) => list.find((s) => s.label === name);
  return html`<table class="services">
    <caption>
      Services (last 15 minutes; rates over 1-minute windows)
    </caption>
    <thead>
      <tr>
        <th scope="col">Service</th>
        <th scope="col">Status</th>
        <th scope="col">Health check</th>
        <th scope="col">Requests</th>
        <th scope="col">Errors (5xx)</th>
        <th scope="col">p95 latency</th>
      </tr>
    </thead>
    <tbody>
      ${health.map((h) => {
        const errors = find(red.errors, h.name);
        const ratio = latest(errors);
        const failing = h.status === "OK" && ratio !== undefined && ratio > ERROR_RATIO_DEGRADED;
        const status = failing ? "DEGRADED" : h.status;
        const detail = failing ? `${formatValue(ratio, "ratio")} of requests fail` : h.detail;
        return html`<tr data-service="${h.name}" data-status="${status}">
          <th scope="row"><a href="/metrics?service=${encodeURIComponent(h.name)}">${h.name}</a></th>
          <td>${badge(status)}${detail ? html`<div class="detail">${detail}</div>` : ""}</td>
          <td>
            ${h.latencyMs} ms
            <div class="detail">at ${time(h.checkedAt)}</div>
          </td>
          <td>${sparkline(`${h.name} requests per second`, "/s", grid, find(red.rate, h.name))}</td>
          <td>${sparkline(`${h.name} error ratio`, "ratio", grid, errors)}</td>
          <td>${sparkline(`${h.name} p95 latency`, "s", grid, find(red.p95, h.name))}</td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

function backendRows(health: Health[]): Html {
  return html`<table class="backends">
    <thead>
      <tr>
        <th scope="col">Component</th>
        <th scope="col">Status</th>
        <th scope="col">Health check</th>
      </tr>
    </thead>
    <tbody>
      ${health.map(
        (h) =>
          html`<tr data-service="${h.name}" data-status="${h.status}">
            <th scope="row">${h.name}</th>
            <td>${badge(h.status)}${h.detail ? html`<div class="detail">${h.detail}</div>` : ""}</td>
            <td>
              ${h.latencyMs} ms
              <div class="detail">at ${time(h.checkedAt)}</div>
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export async function overviewPage(context: ConsoleContext): Promise<string> {
  const endpoints = context.endpoints();
  const grid = gridOf(15 * 60, 90);
  const byService = (metric: Record<string, string>) => metric.service_name ?? "?";
  const health = await Promise.all(context.targets.map((target) => checkHealth(target)));
  const services = health.filter((h) => h.kind === "service");
  const red = Promise.all([requestRate("1m"), errorRatio("1m"), latencyP95("1m")].map((query) => queryRange(endpoints.prometheus, query, grid, byService)));

  const [servicesTable, alerts, issues, errorLogs] = await Promise.all([
    // Without Prometheus the health checks are still worth showing.
    red.then(
      ([rate, errors, p95]) => serviceRows(services, { rate: rate!, errors: errors!, p95: p95! }, grid),
      (error) => html`${backendError("Prometheus", error)}${serviceRows(services, { rate: [], errors: [], p95: [] }, grid)}`,
    ),
    section("Alertmanager", activeAlerts(endpoints.alertmanager), (list) =>
      list.length
        ? html`<ul class="alerts">
            ${list.map(
              (a) =>
                html`<li class="alert">
                  <strong>${a.name}</strong>${a.service ? html` · ${a.service}` : ""} <span class="detail">${a.severity ?? ""} since ${time(a.since)}</span>
                  <div>${a.summary}</div>
                </li>`,
            )}
          </ul>`
        : html`<p class="empty">No active alerts.</p>`,
    ),
    endpoints.sentry
      ? section("Bugsink", recentIssues(endpoints.sentry, 5), (list) =>
          list.length
            ? html`<ul class="issues">
                ${list.map((i) => html`<li><a href="${i.url}">${i.title}</a> <span class="detail">${i.transaction} · ${i.events} event${i.events === 1 ? "" : "s"} · last ${time(i.lastSeen)}</span></li>`)}
              </ul>`
            : html`<p class="empty">No error events.</p>`,
        )
      : Promise.resolve(html`<p class="empty">No Sentry-protocol server in this stack.</p>`),
    section("The Elasticsearch API", searchLogs(endpoints.elasticsearch, { level: "error", sinceSeconds: 3_600 }, { size: 5 }), ({ lines }) =>
      lines.length
        ? html`<ul class="error-logs">
            ${lines.map((l) => html`<li>${time(l.timestamp)} <strong>${l.service}</strong> ${l.body} ${l.traceId ? html`<a href="/request?id=${l.traceId}">trace</a>` : ""}</li>`)}
          </ul>`
        : html`<p class="empty">No error logs in the last hour.</p>`,
    ),
  ]);

  const body = html` <section aria-labelledby="h-services">
      <h2 id="h-services">Services</h2>
      ${servicesTable}
    </section>
    <div class="columns">
      <section aria-labelledby="h-alerts">
        <h2 id="h-alerts">Active alerts</h2>
        ${alerts}
      </section>
      <section aria-labelledby="h-errors">
        <h2 id="h-errors">Last errors</h2>
        <h3>Error events (Bugsink)</h3>
        ${issues}
        <h3>Error logs <a class="more" href="/logs?level=error&amp;range=1h">all</a></h3>
        ${errorLogs}
      </section>
    </div>
    <section aria-labelledby="h-backends">
      <h2 id="h-backends">Gateway and backends</h2>
      ${backendRows(health.filter((h) => h.kind === "backend"))}
    </section>
    <p class="detail">Refreshes every 30 s. Last rendered ${time(new Date())}.</p>`;
  return page({ title: "Overview", current: "/", body, refreshSeconds: 30, charts: true });
}
