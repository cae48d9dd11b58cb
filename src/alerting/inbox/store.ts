// What the inbox received: the newest notifications in memory (bounded), each also appended as one
// JSON line to a file when one is given, so `tail -f` and a restart both see them.
import { appendFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";

export interface Notification {
  id: number;
  receivedAt: string;
  /** The path it was posted to: slack, webhook, heartbeat… */
  channel: string;
  /** One line for the list: a Slack title, or the webhook's status and alert name. */
  title: string;
  status: "firing" | "resolved" | "ping" | "unknown";
  body: unknown;
}

interface SlackPayload {
  text?: string;
  attachments?: { title?: string; text?: string; color?: string }[];
}

interface WebhookPayload {
  status?: string;
  commonLabels?: Record<string, string>;
  alerts?: unknown[];
}

function describe(channel: string, body: unknown): Pick<Notification, "title" | "status"> {
  const slack = body as SlackPayload;
  const hook = body as WebhookPayload;
  if (channel === "heartbeat") return { title: "heartbeat", status: "ping" };
  const title = slack.attachments?.[0]?.title ?? slack.text?.split("\n")[0];
  if (title) return { title, status: /^\[RESOLVED/.test(title) ? "resolved" : /^\[FIRING/.test(title) ? "firing" : "unknown" };
  if (hook.status && hook.commonLabels) {
    const labels = hook.commonLabels;
    const status = hook.status === "resolved" ? "resolved" : "firing";
    return {
      title: `[${hook.status.toUpperCase()}:${hook.alerts?.length ?? 0}] ${labels.severity ?? ""} ${labels.alertname ?? ""} ${labels.service_name ?? ""}`
        .replace(/\s+/g, " ")
        .trim(),
      status,
    };
  }
  return { title: "(unrecognised payload)", status: "unknown" };
}

export class NotificationStore {
  private readonly items: Notification[] = [];
  private nextId = 1;
  private readonly limit: number;
  private readonly file: string | undefined;

  constructor({ limit = 1_000, file }: { limit?: number; file?: string } = {}) {
    this.limit = limit;
    this.file = file;
    if (file) mkdirSync(dirname(file), { recursive: true });
  }

  add(channel: string, body: unknown): Notification {
    const notification: Notification = { id: this.nextId++, receivedAt: new Date().toISOString(), channel, ...describe(channel, body), body };
    this.items.push(notification);
    if (this.items.length > this.limit) this.items.shift();
    if (this.file) appendFileSync(this.file, `${JSON.stringify(notification)}\n`);
    return notification;
  }

  /** Newest first, optionally of one channel. */
  list({ channel, limit = 100 }: { channel?: string; limit?: number } = {}): Notification[] {
    return this.items
      .filter((item) => !channel || item.channel === channel)
      .slice(-limit)
      .reverse();
  }
}
