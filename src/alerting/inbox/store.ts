// What the inbox received: the newest notifications in memory (bounded in count and in bytes), each
// also appended as one JSON line to a file when one is given, so `tail -f` and a restart both see
// them. The file is rotated past maxFileBytes (one older file kept): the disk use is bounded too.
import { appendFileSync, chmodSync, existsSync, mkdirSync, renameSync, statSync } from "node:fs";
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

type Json = Record<string, unknown>;

const asObject = (value: unknown): Json => (value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {});

/** A payload's field as text whatever its type: a sender's object or number is shown, never trusted to be a string. */
function text(value: unknown): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
}

function describe(channel: string, body: unknown): Pick<Notification, "title" | "status"> {
  if (channel === "heartbeat") return { title: "heartbeat", status: "ping" };
  const payload = asObject(body);
  const firstAttachment = Array.isArray(payload.attachments) ? asObject(payload.attachments[0]) : {};
  const title = text(firstAttachment.title) ?? text(payload.text)?.split("\n")[0];
  if (title) return { title, status: /^\[RESOLVED/.test(title) ? "resolved" : /^\[FIRING/.test(title) ? "firing" : "unknown" };
  const status = text(payload.status);
  if (status && payload.commonLabels) {
    const labels = asObject(payload.commonLabels);
    const alerts = Array.isArray(payload.alerts) ? payload.alerts.length : 0;
    return {
      title: `[${status.toUpperCase()}:${alerts}] ${text(labels.severity) ?? ""} ${text(labels.alertname) ?? ""} ${text(labels.service_name) ?? ""}`
        .replace(/\s+/g, " ")
        .trim(),
      status: status === "resolved" ? "resolved" : "firing",
    };
  }
  return { title: "(unrecognised payload)", status: "unknown" };
}

export interface StoreOptions {
  /** Notifications kept in memory, at most. */
  limit?: number;
  /** Bytes of notifications (as JSON) kept in memory, at most: 1,000 bodies of 1 MiB would be 1 GiB. */
  maxBytes?: number;
  file?: string;
  /** The file is renamed to <file>.1 (replacing the older one) before it would grow past this. */
  maxFileBytes?: number;
}

export class NotificationStore {
  private readonly items: { notification: Notification; bytes: number }[] = [];
  private bytes = 0;
  private nextId = 1;
  private readonly limit: number;
  private readonly maxBytes: number;
  private readonly file: string | undefined;
  private readonly maxFileBytes: number;
  private fileBytes = 0;

  constructor({ limit = 1_000, maxBytes = 16 * 1024 * 1024, file, maxFileBytes = 8 * 1024 * 1024 }: StoreOptions = {}) {
    this.limit = limit;
    this.maxBytes = maxBytes;
    this.file = file;
    this.maxFileBytes = maxFileBytes;
    if (file) {
      mkdirSync(dirname(file), { recursive: true });
      if (existsSync(file)) {
        chmodSync(file, 0o600); // alert payloads may name hosts, users, URLs
        this.fileBytes = statSync(file).size;
      }
    }
  }

  add(channel: string, body: unknown): Notification {
    const notification: Notification = { id: this.nextId++, receivedAt: new Date().toISOString(), channel, ...describe(channel, body), body };
    const line = `${JSON.stringify(notification)}\n`;
    const bytes = Buffer.byteLength(line);
    this.items.push({ notification, bytes });
    this.bytes += bytes;
    while (this.items.length > 1 && (this.items.length > this.limit || this.bytes > this.maxBytes)) this.bytes -= this.items.shift()!.bytes;
    if (this.file) this.append(this.file, line, bytes);
    return notification;
  }

  private append(file: string, line: string, bytes: number): void {
    if (this.fileBytes > 0 && this.fileBytes + bytes > this.maxFileBytes) {
      renameSync(file, `${file}.1`);
      this.fileBytes = 0;
    }
    appendFileSync(file, line, { mode: 0o600 });
    this.fileBytes += bytes;
  }

  /** Newest first, optionally of one channel. */
  list({ channel, limit = 100 }: { channel?: string; limit?: number } = {}): Notification[] {
    return this.items
      .map((item) => item.notification)
      .filter((item) => !channel || item.channel === channel)
      .slice(-limit)
      .reverse();
  }
}
