// The local notification inbox: where Alertmanager delivers when no Slack, webhook or heartbeat URL
// is configured, so a newcomer sees alerts arrive. POST /<receiver> stores a JSON payload (Slack
// incoming-webhook or Alertmanager webhook format); GET / lists them, GET /api/notifications as
// JSON, GET /runbooks serves docs/runbooks.md (the alerts' runbook_url). `npm start` runs it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { join } from "node:path";
import { envPort, envString } from "../../config/index.ts";
import { stackDataDir } from "../../stack/provision/util.ts";
import { notificationsPage, runbooksPage } from "./pages.ts";
import { NotificationStore } from "./store.ts";
import { onStopSignal } from "../../lifecycle/signals.ts";

const BODY_LIMIT_BYTES = 1024 * 1024;
const CHANNEL = /^\/([a-z][a-z0-9-]{0,40})$/;

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { "content-type": type, "cache-control": "no-store" }).end(body);
}

function problem(response: ServerResponse, status: number, detail: string): void {
  send(response, status, "application/problem+json", JSON.stringify({ type: "about:blank", status, title: detail.split(":")[0], detail }));
}

async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function receive(store: NotificationStore, channel: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const raw = await readBody(request);
  if (!raw) return problem(response, 413, `Payload too large: notifications are limited to ${BODY_LIMIT_BYTES} bytes`);
  let body: unknown;
  try {
    body = raw.length ? JSON.parse(raw.toString("utf8")) : {};
  } catch {
    return problem(response, 400, "Malformed JSON: a notification is a JSON document (Slack or Alertmanager webhook format)");
  }
  const stored = store.add(channel, body);
  // Slack's incoming webhooks answer a plain "ok"; Alertmanager accepts any 2xx.
  send(response, 200, "text/plain", `ok ${stored.id}\n`);
}

export function createInbox(store = new NotificationStore()): Server {
  return createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://inbox");
    const channel = CHANNEL.exec(url.pathname)?.[1];
    if (request.method === "GET") {
      if (url.pathname === "/") return send(response, 200, "text/html; charset=utf-8", notificationsPage(store.list({ limit: 200 })));
      if (url.pathname === "/health") return send(response, 200, "application/json", '{"status":"OK"}');
      if (url.pathname === "/runbooks") return send(response, 200, "text/html; charset=utf-8", runbooksPage());
      if (url.pathname === "/api/notifications") {
        const limit = Number(url.searchParams.get("limit") ?? 100);
        if (!Number.isInteger(limit) || limit < 1 || limit > 1_000) return problem(response, 400, "Bad limit: an integer from 1 to 1000");
        return send(response, 200, "application/json", JSON.stringify(store.list({ channel: url.searchParams.get("channel") ?? undefined, limit })));
      }
      return problem(response, 404, `Not found: ${url.pathname}`);
    }
    if (request.method === "POST" && channel) {
      receive(store, channel, request, response).catch((error: unknown) => problem(response, 500, `Internal error: ${(error as Error).message}`));
      return;
    }
    problem(response, channel ? 405 : 404, channel ? `Method not allowed: POST to /${channel}, GET elsewhere` : `Not found: ${url.pathname}`);
  });
}

if (import.meta.main) {
  const port = envPort("NOTIFICATIONS_PORT", 9097);
  const host = envString("NOTIFICATIONS_HOST", "127.0.0.1");
  const file = envString("NOTIFICATIONS_FILE", join(stackDataDir("notifications"), "notifications.jsonl"));
  const server = createInbox(new NotificationStore({ file }));
  server.listen(port, host, () => console.log(`notification inbox on http://${host}:${port} (stored in ${file})`));
  onStopSignal(() => new Promise<void>((resolve) => server.close(() => resolve())));
}
