// The local notification inbox: where Alertmanager delivers when no Slack, webhook or heartbeat URL
// is configured, so a newcomer sees alerts arrive. POST /<receiver> stores a JSON payload (Slack
// incoming-webhook or Alertmanager webhook format); GET / lists them, GET /api/notifications as
// JSON, GET /runbooks serves docs/runbooks.md (the alerts' runbook_url). `npm start` runs it.
// As the console: it answers only for its own host names (DNS rebinding), takes only
// application/json posts (a cross-origin page cannot send that without a preflight we never grant),
// and beyond loopback asks for NOTIFICATIONS_TOKEN (Alertmanager sends it as a bearer token).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { join } from "node:path";
import { envString } from "../../config/index.ts";
import { stackPort } from "../../config/ports.ts";
import { allowedHostNames, checkToken, hostAllowed, isLoopback, SECURITY_HEADERS, weakToken } from "../../http/guard.ts";
import { HttpError, problemOf } from "../../http/index.ts";
import { statePath } from "../../config/paths.ts";
import { notificationsPage, runbooksPage } from "./pages.ts";
import { NotificationStore } from "./store.ts";
import { onStopSignal } from "../../lifecycle/signals.ts";

const BODY_LIMIT_BYTES = 1024 * 1024;
const CHANNEL = /^\/([a-z][a-z0-9-]{0,40})$/;
const COOKIE = "notifications_token";

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { ...SECURITY_HEADERS, "content-type": type, "cache-control": "no-store" }).end(body);
}

function problem(response: ServerResponse, error: HttpError): void {
  if (response.headersSent) return void response.destroy();
  send(response, error.status, "application/problem+json", JSON.stringify(problemOf(error)));
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT_BYTES) throw new HttpError("payload_too_large", `Payload too large: notifications are limited to ${BODY_LIMIT_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function receive(store: NotificationStore, channel: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const type = (request.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") {
    throw new HttpError(
      "unsupported_media_type",
      `A notification is sent as application/json (Slack or Alertmanager webhook format), not ${type || "no content type"}`,
    );
  }
  const raw = await readBody(request);
  let body: unknown;
  try {
    body = raw.length ? JSON.parse(raw.toString("utf8")) : {};
  } catch (error) {
    throw new HttpError("invalid_json", "Malformed JSON: a notification is a JSON document (Slack or Alertmanager webhook format)", { cause: error });
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new HttpError("invalid_request", "A notification is a JSON object (Slack or Alertmanager webhook format)");
  }
  const stored = store.add(channel, body);
  // Slack's incoming webhooks answer a plain "ok"; Alertmanager accepts any 2xx.
  send(response, 200, "text/plain", `ok ${stored.id}\n`);
}

function page(store: NotificationStore, url: URL, response: ServerResponse): void {
  if (url.pathname === "/") return send(response, 200, "text/html; charset=utf-8", notificationsPage(store.list({ limit: 200 })));
  if (url.pathname === "/runbooks") return send(response, 200, "text/html; charset=utf-8", runbooksPage());
  if (url.pathname === "/api/notifications") {
    const limit = Number(url.searchParams.get("limit") ?? 100);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1_000) throw new HttpError("invalid_query", "Bad limit: an integer from 1 to 1000");
    return send(response, 200, "application/json", JSON.stringify(store.list({ channel: url.searchParams.get("channel") ?? undefined, limit })));
  }
  throw new HttpError("not_found", `Not found: ${url.pathname}`);
}

export interface InboxOptions {
  /** NOTIFICATIONS_TOKEN: asked of every request but /health. */
  token?: string;
  /** The address it listens on (a name it answers for, beside loopback's). */
  host?: string;
  /** NOTIFICATIONS_ALLOWED_HOSTS: more host names, comma-separated (compose: "notifications"). */
  allowedHosts?: string;
}

export function createInbox(store = new NotificationStore(), { token, host = "127.0.0.1", allowedHosts = "" }: InboxOptions = {}): Server {
  const hosts = allowedHostNames(host, allowedHosts);
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (!hostAllowed(request.headers.host, hosts))
      throw new HttpError("unknown_host", "This inbox does not answer for that host name: add it to NOTIFICATIONS_ALLOWED_HOSTS if it is yours.");
    const url = new URL(request.url ?? "/", "http://inbox");
    if (request.method === "GET" && url.pathname === "/health") return send(response, 200, "application/json", '{"status":"OK"}');
    const check = checkToken(request, token, { cookie: COOKIE, secure: false });
    if (check.outcome === "refuse")
      throw new HttpError("unauthorized", "This inbox needs NOTIFICATIONS_TOKEN: Authorization: Bearer <token>, or open it once with ?token=<token>.");
    if (check.outcome === "redirect") {
      response.writeHead(303, { ...SECURITY_HEADERS, location: check.location, "set-cookie": check.setCookie }).end();
      return;
    }
    const channel = CHANNEL.exec(url.pathname)?.[1];
    if (request.method === "GET") return page(store, url, response);
    if (request.method === "POST" && channel) return receive(store, channel, request, response);
    throw channel
      ? new HttpError("method_not_allowed", `Method not allowed: POST to /${channel}, GET elsewhere`)
      : new HttpError("not_found", `Not found: ${url.pathname}`);
  };
  return createServer((request, response) => {
    // Every failure, whatever it is, becomes an answer: nothing a sender posts can take the inbox down.
    handle(request, response).catch((error: unknown) => {
      if (!(error instanceof HttpError)) console.error(`inbox: ${request.method} ${(request.url ?? "").split("?")[0]}: ${(error as Error)?.stack ?? error}`);
      problem(response, error instanceof HttpError ? error : new HttpError("internal", "Internal error: see the inbox's log", { cause: error }));
    });
  });
}

if (import.meta.main) {
  const port = stackPort("NOTIFICATIONS_PORT", 9097);
  const host = envString("NOTIFICATIONS_HOST", "127.0.0.1");
  const token = process.env.NOTIFICATIONS_TOKEN?.trim() || undefined;
  const refusal =
    !isLoopback(host) && !token ? `NOTIFICATIONS_HOST=${host} is beyond loopback: set NOTIFICATIONS_TOKEN too.` : weakToken("NOTIFICATIONS_TOKEN", token);
  if (refusal) {
    console.error(`The notification inbox refuses to start: ${refusal}`);
    process.exit(2);
  }
  const file = envString("NOTIFICATIONS_FILE", join(statePath("notifications"), "notifications.jsonl"));
  const server = createInbox(new NotificationStore({ file }), { token, host, allowedHosts: envString("NOTIFICATIONS_ALLOWED_HOSTS", "") });
  server.listen(port, host, () => console.log(`notification inbox on http://${host}:${port} (stored in ${file})${token ? " (token required)" : ""}`));
  onStopSignal(() => new Promise<void>((resolve) => server.close(() => resolve())));
}
