// Server-rendered HTML: a tagged template that escapes every interpolated value unless it is
// already HTML, and the page frame every page shares (navigation, the request search form).

export class Html {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

function render(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === undefined || value === null || value === false) return "";
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((value, i) => (out += render(value) + strings[i + 1]!));
  return new Html(out);
}

/** JSON inside <script type="application/json">: "<" escaped so no value can close the element. */
export function jsonScript(id: string, data: unknown): Html {
  return new Html(`<script type="application/json" id="${escapeHtml(id)}">${JSON.stringify(data).replace(/</g, "\\u003c")}</script>`);
}

export const NAV = [
  ["/", "Overview"],
  ["/request", "Find a request"],
  ["/logs", "Logs"],
  ["/metrics", "Metrics"],
  ["/disk", "Disk"],
] as const;

export interface PageOptions {
  title: string;
  /** The path of the navigation entry to mark as current. */
  current: string;
  body: Html;
  /** Reloads the page every N seconds (the overview), without JavaScript. */
  refreshSeconds?: number;
  /** Loads uPlot and the chart script: only pages with charts need JavaScript. */
  charts?: boolean;
  /** The request search form's value, on the request page. */
  searched?: string;
}

export function page({ title, current, body, refreshSeconds, charts = false, searched = "" }: PageOptions): string {
  return `<!doctype html>${html`<html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      ${refreshSeconds ? html`<meta http-equiv="refresh" content="${refreshSeconds}" />` : ""}
      <title>${title} · otel-gateway console</title>
      <link rel="icon" href="data:," />
      <link rel="stylesheet" href="/assets/console.css" />
      ${
        charts
          ? html`<link rel="stylesheet" href="/assets/uPlot.min.css" />
              <script src="/assets/uPlot.iife.min.js" defer></script>
              <script src="/assets/charts.js" defer></script>`
          : ""
      }
    </head>
    <body>
      <header>
        <a class="brand" href="/">otel-gateway</a>
        <nav aria-label="Console">
          <ul>
            ${NAV.map(([href, label]) => html`<li><a href="${href}" ${href === current ? html` aria-current="page"` : ""}>${label}</a></li>`)}
          </ul>
        </nav>
        <form class="search" action="/request" method="get" role="search">
          <label for="search-id">Request or trace id</label>
          <input id="search-id" name="id" value="${searched}" placeholder="request id or trace id" required maxlength="128" autocomplete="off" />
          <button type="submit">Find</button>
        </form>
      </header>
      <main>
        <h1>${title}</h1>
        ${body}
      </main>
    </body>
  </html>`}\n`;
}

/** A backend's failure, shown where its data would have been. */
export function backendError(what: string, error: unknown): Html {
  return html`<p class="error" role="alert"><strong>${what} did not answer:</strong> ${error instanceof Error ? error.message : String(error)}</p>`;
}

/** Renders a backend's data, or the backend's failure in its place: one source down never blanks a page. */
export async function section<T>(what: string, work: Promise<T>, render: (value: T) => Html): Promise<Html> {
  try {
    return render(await work);
  } catch (error) {
    return backendError(what, error);
  }
}

/** A UTC timestamp; log lines show milliseconds, since a request's lines share their second. */
export function time(iso: string | Date | undefined, { milliseconds = false } = {}): Html {
  if (!iso) return html``;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return html`${String(iso)}`;
  return html`<time datetime="${date.toISOString()}"
    >${date
      .toISOString()
      .replace("T", " ")
      .slice(0, milliseconds ? 23 : 19)}
    UTC</time
  >`;
}

export function option(value: string, label: string, selected: string | undefined): Html {
  return html`<option value="${value}" ${value === (selected ?? "") ? html` selected` : ""}>${label}</option>`;
}
