// Find a request: from a request id or trace id to its trace as a waterfall, its logs, its error
// events and the series it counted in. The data is src/trace's, the same as `npm run trace`.
import { HttpError } from "../../http/index.ts";
import type { TraceSpan } from "../../backends/index.ts";
import { lookup, LookupError, type Lookup } from "../../trace/lookup.ts";
import { MAX_SPANS_SHOWN, spanTree } from "../../trace/span-tree.ts";
import type { ConsoleContext } from "../context.ts";
import { html, page, time, type Html } from "../html.ts";
import { matching, PATTERNS, type Query } from "../params.ts";

const serviceClass = (services: string[], name: string) => `svc svc-${services.indexOf(name) % 6}`;

function attributes(span: TraceSpan): Html {
  const entries = Object.entries(span.tags).sort(([a], [b]) => a.localeCompare(b));
  return html`<table class="attrs">
    <caption>
      Attributes of ${span.service}: ${span.operation} (span ${span.spanId})
    </caption>
    <tbody>
      ${entries.map(
        ([key, value]) =>
          html`<tr>
            <th scope="row">${key}</th>
            <td>${typeof value === "string" ? value : JSON.stringify(value)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function waterfall(spans: TraceSpan[]): Html {
  if (!spans.length) return html`<p class="empty">Jaeger has no spans for this trace (yet).</p>`;
  const services = [...new Set(spans.map((span) => span.service))];
  // A loop, not Math.min(...spans): spreading 100,000 arguments overflows the stack.
  let start = Infinity;
  let end = -Infinity;
  for (const span of spans) {
    start = Math.min(start, span.startMicros);
    end = Math.max(end, span.startMicros + span.durationMs * 1000);
  }
  const { rows, omitted } = spanTree(spans, MAX_SPANS_SHOWN);
  const total = Math.max(1, end - start);
  const errors = spans.filter((span) => span.error).length;
  return html`<p>
      ${spans.length} spans across ${services.join(", ")} · ${(total / 1000).toFixed(1)}
      ms${errors ? html` · <strong class="error-text">${errors} with errors</strong>` : ""}. Open a span for its attributes.
    </p>
    <ol class="waterfall">
      ${rows.map(({ span, depth }) => {
        const left = ((span.startMicros - start) / total) * 100;
        const width = Math.max(0.3, ((span.durationMs * 1000) / total) * 100);
        return html`<li class="${span.error ? "span span-error" : "span"}">
          <details>
            <summary>
              <span class="${serviceClass(services, span.service)}">${span.service}</span>
              <span class="op" style="padding-left:${Math.min(depth, 40) * 1.1}em"
                >${span.error ? html`<span class="error-mark" aria-label="error">✖</span> ` : ""}${span.operation}</span
              >
              <span class="track" aria-hidden="true"><span class="bar" style="left:${left.toFixed(2)}%;width:${width.toFixed(2)}%"></span></span>
              <span class="dur">${span.durationMs.toFixed(1)} ms</span>
            </summary>
            ${attributes(span)}
          </details>
        </li>`;
      })}
    </ol>
    ${
      omitted
        ? html`<p class="empty">
            ${omitted} more spans are not shown: the page shows the first ${MAX_SPANS_SHOWN} in tree order. The whole trace is in the Jaeger API (link above).
          </p>`
        : ""
    }`;
}

function logs(result: Lookup): Html {
  if (!result.logs.length) return html`<p class="empty">No log records for this trace (yet).</p>`;
  return html`<table class="logs">
    <thead>
      <tr>
        <th scope="col">Time</th>
        <th scope="col">Service</th>
        <th scope="col">Level</th>
        <th scope="col">Message</th>
      </tr>
    </thead>
    <tbody>
      ${result.logs.map(
        (line) =>
          html`<tr class="level-${line.severity.toLowerCase()}">
            <td class="when">${time(line.timestamp, { milliseconds: true })}</td>
            <td>${line.service}</td>
            <td>${line.severity}</td>
            <td class="body">${line.body}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function events(result: Lookup): Html {
  if (!result.events.length) return html`<p class="empty">No error event carries this trace id.</p>`;
  return html`<ul class="issues">
    ${result.events.map(
      (event) =>
        html`<li class="event">
          <strong>${event.title}</strong>
          <span class="detail"
            >${event.data.transaction ?? ""} ·
            ${time(event.data.timestamp ? new Date(Number(event.data.timestamp) * 1000 || event.data.timestamp) : undefined)}</span
          >
          <a href="${event.url}">Open in Bugsink</a>
        </li>`,
    )}
  </ul>`;
}

function series(result: Lookup): Html {
  if (!result.series.length) return html`<p class="empty">No server spans, so no series to show.</p>`;
  return html`<table class="series">
    <thead>
      <tr>
        <th scope="col">Total now</th>
        <th scope="col">Series (PromQL)</th>
      </tr>
    </thead>
    <tbody>
      ${result.series.map(
        (s) =>
          html`<tr>
            <td>${s.value ?? "(none yet)"}</td>
            <td>
              <a href="${s.graphUrl}"><code>${s.query}</code></a>
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function report(result: Lookup): Html {
  return html`<p class="ids">
      Trace <code>${result.traceId}</code>${result.requestId ? html` · request <code>${result.requestId}</code>` : ""} ·
      <a href="${result.links.jaeger}">Jaeger API</a> · <a href="${result.links.logs}">logs query</a> ·
      <a href="/logs?trace_id=${result.traceId}&amp;range=7d">in the log search</a>
    </p>
    ${result.failures.map((failure) => html`<p class="error" role="alert"><strong>Not answered:</strong> ${failure}</p>`)}
    <section aria-labelledby="h-trace">
      <h2 id="h-trace">Trace</h2>
      ${waterfall(result.spans)}
    </section>
    <section aria-labelledby="h-logs">
      <h2 id="h-logs">Logs, in time order</h2>
      ${logs(result)}
    </section>
    <section aria-labelledby="h-events">
      <h2 id="h-events">Error events</h2>
      ${events(result)}
    </section>
    <section aria-labelledby="h-series">
      <h2 id="h-series">Prometheus series it counted in</h2>
      ${series(result)}
    </section>`;
}

const HELP = html`<p>
  Paste the <code>X-Request-ID</code> of a response, or the trace id from its <code>traceresponse</code> header or from a log line, into the search box above.
  The result has its own URL, to share.
</p>`;

export async function requestPage(query: Query, context: ConsoleContext): Promise<string> {
  const id = matching(query, "id", PATTERNS.requestOrTraceId, "a request id or a 32-hex-digit trace id (letters, digits, . _ : -; at most 128)");
  if (!id) return page({ title: "Find a request", current: "/request", body: HELP });
  const result = await lookup(id, context.endpoints()).catch((error: unknown) => {
    throw error instanceof LookupError ? new HttpError("upstream_failed", error.message, { cause: error }) : error;
  });
  if (!result) {
    throw new HttpError(
      "not_found",
      `No trace found for ${JSON.stringify(id)} in Jaeger or in the logs. A request shows up a few seconds after it ends; check the id, or try again.`,
    );
  }
  return page({ title: `Request ${result.requestId ?? result.traceId}`, current: "/request", body: report(result), searched: id });
}
