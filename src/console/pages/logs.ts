// Logs: the log records in the Elasticsearch API, filtered by service, level, time range, words,
// request id and trace id; newest first, 50 a page. A trace id opens that request's page.
import { searchLogs, type LogFilters } from "../../backends/index.ts";
import type { ConsoleContext } from "../context.ts";
import { html, option, page, section, time } from "../html.ts";
import { LEVELS, matching, oneOf, pageNumber, PATTERNS, RANGES, rangeOf, text, type Query } from "../params.ts";
import { SERVICES } from "../../services/catalog.ts";

const PAGE_SIZE = 50;

function readFilters(query: Query) {
  return {
    service: matching(query, "service", PATTERNS.service, "a service name"),
    level: oneOf(query, "level", LEVELS),
    range: rangeOf(query, "1h"),
    q: text(query, "q"),
    requestId: matching(query, "request_id", PATTERNS.requestOrTraceId, "a request id (letters, digits, . _ : -; at most 128)"),
    traceId: matching(query, "trace_id", PATTERNS.traceId, "32 lowercase hex digits"),
    page: pageNumber(query),
  };
}

type Filters = ReturnType<typeof readFilters>;

function linkTo(filters: Filters, page: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({
    service: filters.service,
    level: filters.level,
    range: filters.range,
    q: filters.q,
    request_id: filters.requestId,
    trace_id: filters.traceId,
  })) {
    if (value) params.set(key, value);
  }
  params.set("page", String(page));
  return `/logs?${params}`;
}

function form(filters: Filters) {
  return html`<form class="filters" method="get" action="/logs">
    <label
      >Service
      <select name="service">
        ${option("", "any", filters.service)}${Object.keys(SERVICES).map((name) => option(name, name, filters.service))}
      </select></label
    >
    <label
      >Level
      <select name="level">
        ${option("", "any", filters.level)}${LEVELS.map((level) => option(level, level, filters.level))}
      </select></label
    >
    <label
      >Time range
      <select name="range">
        ${Object.keys(RANGES).map((range) => option(range, `last ${range}`, filters.range))}
      </select></label
    >
    <label>Text <input name="q" value="${filters.q ?? ""}" maxlength="200" placeholder="words in the message" /></label>
    <label>Request id <input name="request_id" value="${filters.requestId ?? ""}" maxlength="128" /></label>
    <label>Trace id <input name="trace_id" value="${filters.traceId ?? ""}" maxlength="32" pattern="[0-9a-f]{32}" title="32 lowercase hex digits" /></label>
    <button type="submit">Search</button> <a href="/logs">Clear</a>
  </form>`;
}

export async function logsPage(query: Query, context: ConsoleContext): Promise<string> {
  const filters = readFilters(query);
  const search: LogFilters = {
    service: filters.service,
    level: filters.level,
    text: filters.q,
    requestId: filters.requestId,
    traceId: filters.traceId,
    sinceSeconds: RANGES[filters.range],
  };
  const results = await section(
    "The Elasticsearch API",
    searchLogs(context.endpoints().elasticsearch, search, { from: (filters.page - 1) * PAGE_SIZE, size: PAGE_SIZE }),
    ({ total, lines }) => {
      if (!lines.length) return html`<p class="empty">No log records match${filters.page > 1 ? " on this page" : ""}.</p>`;
      const first = (filters.page - 1) * PAGE_SIZE + 1;
      const more = first + lines.length - 1 < total;
      return html`<p>${first}–${first + lines.length - 1} of ${total}, newest first.</p>
        <table class="logs">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Service</th>
              <th scope="col">Level</th>
              <th scope="col">Message</th>
              <th scope="col">Request</th>
              <th scope="col">Trace</th>
            </tr>
          </thead>
          <tbody>
            ${lines.map(
              (line) =>
                html`<tr class="level-${line.severity.toLowerCase()}">
                  <td class="when">${time(line.timestamp, { milliseconds: true })}</td>
                  <td>${line.service}</td>
                  <td>${line.severity}</td>
                  <td class="body">${line.body}</td>
                  <td>${line.requestId ? html`<a href="/request?id=${encodeURIComponent(line.requestId)}">${line.requestId}</a>` : ""}</td>
                  <td>${line.traceId ? html`<a class="trace-link" href="/request?id=${line.traceId}">${line.traceId.slice(0, 12)}…</a>` : ""}</td>
                </tr>`,
            )}
          </tbody>
        </table>
        <nav class="pager" aria-label="Pages">
          ${filters.page > 1 ? html`<a rel="prev" href="${linkTo(filters, filters.page - 1)}">← Newer</a>` : ""}
          <span>page ${filters.page}</span> ${more ? html`<a rel="next" href="${linkTo(filters, filters.page + 1)}">Older →</a>` : ""}
        </nav>`;
    },
  );
  return page({ title: "Logs", current: "/logs", body: html`${form(filters)}${results}` });
}
