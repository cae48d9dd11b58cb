// The local notification inbox (src/alerting/inbox) for the native stack: Alertmanager's receivers
// deliver here unless SLACK_WEBHOOK_URL, ALERT_WEBHOOK_URL and HEARTBEAT_URL point elsewhere, and it
// serves docs/runbooks.md, which every alert's runbook_url links to.
import { join } from "node:path";
import type { Component } from "../types.ts";
import { portOf } from "../ports.ts";
import { projectRoot, statePath } from "../../config/paths.ts";

export interface NotificationsOptions {
  port?: number;
  /** Where every notification is appended as a JSON line. */
  file?: string;
}

export function notificationsComponent({
  port = portOf("NOTIFICATIONS_PORT"),
  file = join(statePath("notifications"), "notifications.jsonl"),
}: NotificationsOptions = {}): Component {
  const url = `http://127.0.0.1:${port}`;
  return {
    name: "notifications",
    command: process.execPath,
    args: [join(projectRoot, "src", "alerting", "inbox", "server.ts")],
    env: { NOTIFICATIONS_PORT: String(port), NOTIFICATIONS_HOST: "127.0.0.1", NOTIFICATIONS_FILE: file },
    healthUrl: `${url}/health`,
    url,
  };
}
