// alertmanager/alertmanager.yml with the receivers' URLs taken from the environment. Alertmanager
// does not expand variables, so the stack writes a rendered copy and starts Alertmanager on it.
// Unset variables keep the committed defaults: the local notification inbox.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { projectRoot } from "../config/paths.ts";
import { writePrivateFile } from "../lifecycle/private-file.ts";
import type { AlertingSetup } from "../stack/types.ts";

export const alertmanagerDir = join(projectRoot, "alertmanager");
export const committedConfig = join(alertmanagerDir, "alertmanager.yml");

interface HttpConfig {
  authorization?: { type: string; credentials: string };
}

interface Receiver {
  name: string;
  slack_configs?: { api_url: string; http_config?: HttpConfig }[];
  webhook_configs?: { url: string; http_config?: HttpConfig }[];
  email_configs?: Record<string, unknown>[];
}

interface Config {
  global?: Record<string, unknown>;
  templates?: string[];
  receivers: Receiver[];
}

/** A webhook URL from `variable`, or undefined when unset; anything but http(s) is a mistake to report. */
function webhookUrl(env: NodeJS.ProcessEnv, variable: string): string | undefined {
  const raw = env[variable]?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${variable} is not a URL: expected http(s)://host/path`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`${variable} has the scheme "${url.protocol}": Alertmanager delivers webhooks over http:// or https:// only`);
  }
  return url.href;
}

const INBOX = "http://127.0.0.1:9097";

/** The inbox's own URL (NOTIFICATIONS_URL) replacing the committed 127.0.0.1:9097 defaults. */
function rebase(url: string, inboxUrl: string | undefined): string {
  return inboxUrl ? url.replace(INBOX, inboxUrl.replace(/\/$/, "")) : url;
}

/** A receiver bound for the inbox sends NOTIFICATIONS_TOKEN (the inbox asks for it beyond loopback); others send nothing of it. */
function inboxAuth(item: { http_config?: HttpConfig }, committedUrl: string, configured: string | undefined, token: string | undefined): void {
  if (!configured && token && committedUrl.startsWith(`${INBOX}/`)) item.http_config = { authorization: { type: "Bearer", credentials: token } };
}

/** Which receivers still deliver to the inbox, for the stack to know whether to run it. */
export function inboxNeeded(env: NodeJS.ProcessEnv = process.env): boolean {
  return !(webhookUrl(env, "SLACK_WEBHOOK_URL") && webhookUrl(env, "ALERT_WEBHOOK_URL") && webhookUrl(env, "HEARTBEAT_URL"));
}

/** The config as YAML, with every receiver URL from `env` (or the inbox at `inboxUrl`). */
export function renderAlertmanagerConfig(env: NodeJS.ProcessEnv = process.env, inboxUrl?: string): string {
  // A JSON round trip gives each YAML alias (the shared slack/webhook blocks) its own copy.
  const config = JSON.parse(JSON.stringify(parse(readFileSync(committedConfig, "utf8")))) as Config;
  const slack = webhookUrl(env, "SLACK_WEBHOOK_URL");
  const slackTickets = webhookUrl(env, "SLACK_TICKET_WEBHOOK_URL") ?? slack;
  const webhook = webhookUrl(env, "ALERT_WEBHOOK_URL");
  const heartbeat = webhookUrl(env, "HEARTBEAT_URL");
  const inboxToken = env.NOTIFICATIONS_TOKEN?.trim() || undefined;
  for (const receiver of config.receivers) {
    const slackUrl = receiver.name === "tickets" ? slackTickets : slack;
    for (const item of receiver.slack_configs ?? []) {
      inboxAuth(item, item.api_url, slackUrl, inboxToken);
      item.api_url = slackUrl ?? rebase(item.api_url, inboxUrl);
    }
    const hookUrl = receiver.name === "heartbeat" ? heartbeat : webhook;
    for (const item of receiver.webhook_configs ?? []) {
      inboxAuth(item, item.url, hookUrl, inboxToken);
      item.url = hookUrl ?? rebase(item.url, inboxUrl);
    }
    if (receiver.name === "oncall" && env.SMTP_SMARTHOST && env.ALERT_EMAIL_TO) {
      receiver.email_configs = [{ to: env.ALERT_EMAIL_TO, send_resolved: true }];
    }
  }
  if (env.SMTP_SMARTHOST && env.ALERT_EMAIL_TO) {
    config.global = {
      ...config.global,
      smtp_smarthost: env.SMTP_SMARTHOST,
      smtp_from: env.SMTP_FROM ?? "alerts@otel-gateway.local",
      ...(env.SMTP_AUTH_USERNAME ? { smtp_auth_username: env.SMTP_AUTH_USERNAME, smtp_auth_password: env.SMTP_AUTH_PASSWORD ?? "" } : {}),
    };
  }
  // Relative template paths resolve against the config file, which now lives elsewhere.
  config.templates = (config.templates ?? []).map((pattern) => join(alertmanagerDir, pattern));
  return `# Rendered from alertmanager/alertmanager.yml by src/alerting/alertmanager-config.ts: edit that file, not this one.\n${stringify(config, { aliasDuplicateObjects: false, lineWidth: 0 })}`;
}

/** Writes the rendered config into `dir` (0600: Slack URLs, the SMTP password, the inbox token) and returns its path. */
export function writeAlertmanagerConfig(dir: string, env: NodeJS.ProcessEnv = process.env, inboxUrl?: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "alertmanager.yml");
  writePrivateFile(file, renderAlertmanagerConfig(env, inboxUrl));
  return file;
}

/** What the stack's launcher needs to run Alertmanager with the receivers of `env`. */
export function alertingSetup(env: NodeJS.ProcessEnv = process.env): AlertingSetup {
  return { inboxNeeded: inboxNeeded(env), writeConfig: (dir, inboxUrl) => writeAlertmanagerConfig(dir, env, inboxUrl) };
}

// `node src/alerting/alertmanager-config.ts <dir>`: docker compose renders the config this way.
if (import.meta.main) {
  const dir = process.argv[2];
  if (!dir) throw new Error("usage: node src/alerting/alertmanager-config.ts <output directory>");
  console.log(`wrote ${writeAlertmanagerConfig(dir, process.env, process.env.NOTIFICATIONS_URL)}`);
}
