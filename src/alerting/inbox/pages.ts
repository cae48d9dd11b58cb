// The inbox's two HTML pages: the notifications received, newest first, and docs/runbooks.md,
// whose headings get ids so the alerts' runbook_url (…/runbooks#<alertname>) lands on their section.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Marked } from "marked";
import { projectRoot } from "../../config/paths.ts";
import type { Notification } from "./store.ts";

export const runbooksFile = join(projectRoot, "docs", "runbooks.md");

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** "ServiceDown" → "servicedown", "Error budget burn" → "error-budget-burn": the anchors the rules link to. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/<[^>]*>/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}
table{border-collapse:collapse;width:100%}td,th{padding:.4rem .6rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
.firing{color:#b00020;font-weight:600}.resolved{color:#1b7f3b;font-weight:600}.ping{color:#666}
pre,code{background:#f4f4f4;border-radius:3px}pre{padding:.6rem;overflow-x:auto}details pre{max-height:24rem}
nav a{margin-right:1rem}</style></head>
<body><nav><a href="/">Notifications</a><a href="/runbooks">Runbooks</a><a href="/api/notifications">JSON</a></nav>${body}</body></html>`;
}

export function notificationsPage(items: Notification[]): string {
  const rows = items
    .map(
      (item) => `<tr><td><time datetime="${item.receivedAt}">${item.receivedAt.replace("T", " ").slice(0, 19)}</time></td>
<td>${escapeHtml(item.channel)}</td><td class="${item.status}">${escapeHtml(item.status)}</td>
<td><details><summary>${escapeHtml(item.title)}</summary><pre>${escapeHtml(JSON.stringify(item.body, null, 2))}</pre></details></td></tr>`,
    )
    .join("\n");
  const table = items.length
    ? `<table><thead><tr><th>received (UTC)</th><th>receiver</th><th>status</th><th>notification</th></tr></thead><tbody>${rows}</tbody></table>`
    : "<p>Nothing received yet. Alertmanager posts here when an alert fires (and the Watchdog heartbeat every 30 s).</p>";
  return layout("Notifications", `<h1>Notifications</h1><p>What Alertmanager delivered to this inbox, newest first. Refresh to update.</p>${table}`);
}

let runbooksHtml: string | undefined;

export function runbooksPage(): string {
  if (!runbooksHtml) {
    const marked = new Marked({
      renderer: {
        heading({ tokens, depth }) {
          const text = this.parser.parseInline(tokens);
          return `<h${depth} id="${slug(text)}">${text}</h${depth}>\n`;
        },
      },
    });
    runbooksHtml = layout("Runbooks", marked.parse(readFileSync(runbooksFile, "utf8"), { async: false }));
  }
  return runbooksHtml;
}
