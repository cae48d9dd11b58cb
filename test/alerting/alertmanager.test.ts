// The Alertmanager config: rendered from env, checked by amtool, its routes by `amtool config routes
// test`, and its inhibitions, templates and delivery failures on a real Alertmanager.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { parse } from "yaml";
import { alertingSetup, committedConfig, inboxNeeded, renderAlertmanagerConfig, writeAlertmanagerConfig } from "../../src/alerting/alertmanager-config.ts";
import { alerts as heldAlerts, postAlerts } from "../../src/backends/index.ts";
import { committedAlertmanagerConfig } from "../../src/stack/components/alertmanager.ts";
import { alertmanagerComponent } from "../../src/stack/components/alertmanager.ts";
import { provisionPrometheus, type PrometheusBinaries } from "../../src/stack/provision/prometheus.ts";
import { run } from "../../src/stack/provision/run.ts";
import { Supervisor } from "../../src/stack/supervisor.ts";
import { pollUntil } from "../../src/lifecycle/poll.ts";
import { freePort } from "../support/ports.ts";
import { startReceiver, type Receiver } from "../support/receiver.ts";

const dirs: string[] = [];
const tmp = () => {
  dirs.push(mkdtempSync(join(tmpdir(), "alertmanager-")));
  return dirs.at(-1)!;
};
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

interface Target {
  api_url?: string;
  url?: string;
  http_config?: unknown;
}

describe("alertmanager config", () => {
  let tools: PrometheusBinaries;
  before(async () => {
    tools = await provisionPrometheus();
  });

  it("the committed config and a rendered one pass amtool check-config", async (t) => {
    if (!tools.amtool) return t.skip("amtool is not installed");
    const rendered = writeAlertmanagerConfig(tmp(), {
      SLACK_WEBHOOK_URL: "https://hooks.slack.example/services/T/B/X",
      SMTP_SMARTHOST: "smtp.example:587",
      ALERT_EMAIL_TO: "oncall@example.com",
      NOTIFICATIONS_TOKEN: "inbox-token-0123456789",
    });
    for (const file of [committedConfig, rendered]) {
      const output = await run(tools.amtool, ["check-config", file], { quiet: true });
      assert.match(output, /SUCCESS/);
      assert.match(output, /Found:\s+- global config\s+- route\s+- 3 inhibit rules\s+- 3 receivers\s+- 1 templates/);
    }
  });

  const routes: [string, string[], string][] = [
    ["a page goes to on-call", ["alertname=ServiceErrorRatioHigh", "severity=page", "service_name=cv-parser"], "oncall"],
    ["a ticket goes to the low-urgency receiver", ["alertname=ServiceErrorRatioHigh", "severity=ticket", "service_name=cv-parser"], "tickets"],
    ["an SLO fast burn pages", ["alertname=ErrorBudgetBurn", "severity=page", "sloth_slo=availability"], "oncall"],
    ["the Watchdog goes to the heartbeat", ["alertname=Watchdog", "severity=heartbeat"], "heartbeat"],
    ["an alert without a severity still reaches someone", ["alertname=Unknown"], "tickets"],
  ];
  for (const [name, labels, receiver] of routes) {
    it(`routes: ${name}`, async (t) => {
      if (!tools.amtool) return t.skip("amtool is not installed");
      const output = await run(tools.amtool, ["config", "routes", "test", `--config.file=${committedConfig}`, `--verify.receivers=${receiver}`, ...labels], {
        quiet: true,
      });
      // amtool also writes a warning to stderr, which may come before or after the receiver's line on stdout.
      const lines = output.split("\n").filter((line) => line.trim() && !line.startsWith("Warning:"));
      assert.deepEqual(lines, [receiver]);
    });
  }

  it("receivers take their URLs from env, tickets their own Slack webhook when given", () => {
    const yaml = renderAlertmanagerConfig({
      SLACK_WEBHOOK_URL: "https://hooks.slack.example/pages",
      SLACK_TICKET_WEBHOOK_URL: "https://hooks.slack.example/tickets",
      ALERT_WEBHOOK_URL: "http://hooks.example/alerts",
    });
    assert.match(yaml, /api_url: https:\/\/hooks\.slack\.example\/pages/);
    assert.match(yaml, /api_url: https:\/\/hooks\.slack\.example\/tickets/);
    assert.equal(yaml.match(/url: http:\/\/hooks\.example\/alerts/g)?.length, 2);
    // HEARTBEAT_URL unset: the heartbeat still goes to the inbox.
    assert.match(yaml, /url: http:\/\/127\.0\.0\.1:9097\/heartbeat/);
    assert.equal(inboxNeeded({ SLACK_WEBHOOK_URL: "https://a", ALERT_WEBHOOK_URL: "https://b" }), true);
    assert.equal(inboxNeeded({ SLACK_WEBHOOK_URL: "https://a", ALERT_WEBHOOK_URL: "https://b", HEARTBEAT_URL: "https://c" }), false);
  });

  it("sends NOTIFICATIONS_TOKEN as a bearer token to the inbox, and to no other receiver", () => {
    const config = parse(renderAlertmanagerConfig({ SLACK_WEBHOOK_URL: "https://hooks.slack.example/pages", NOTIFICATIONS_TOKEN: "inbox-token-0123456789" }));
    const targets = (config.receivers as { slack_configs?: Target[]; webhook_configs?: Target[] }[]).flatMap((r) => [
      ...(r.slack_configs ?? []),
      ...(r.webhook_configs ?? []),
    ]);
    for (const target of targets) {
      const url = target.api_url ?? target.url;
      const expected = url!.startsWith("http://127.0.0.1:9097/") ? { authorization: { type: "Bearer", credentials: "inbox-token-0123456789" } } : undefined;
      assert.deepEqual(target.http_config, expected, url);
    }
    assert.ok(targets.some((target) => target.http_config));
  });

  it("hands the stack's launcher what it needs: whether to run the inbox, and a config with env's receivers", () => {
    const env = {
      SLACK_WEBHOOK_URL: "https://hooks.example/slack",
      ALERT_WEBHOOK_URL: "https://hooks.example/alert",
      HEARTBEAT_URL: "https://hooks.example/beat",
    };
    const setup = alertingSetup(env);
    assert.equal(setup.inboxNeeded, false, "every receiver has its own URL");
    const written = readFileSync(setup.writeConfig(tmp(), undefined), "utf8");
    assert.equal(written, renderAlertmanagerConfig(env));
    assert.equal(alertingSetup({}).inboxNeeded, true);
    assert.ok(readFileSync(setup.writeConfig(tmp(), "http://127.0.0.1:19097"), "utf8").includes("https://hooks.example/slack"));
    // Without a setup handed in, the launcher runs Alertmanager on the committed file itself.
    assert.equal(committedAlertmanagerConfig, committedConfig);
  });

  it("an unknown URL scheme or a non-URL is refused with the variable's name", () => {
    assert.throws(() => renderAlertmanagerConfig({ SLACK_WEBHOOK_URL: "ftp://hooks.example/x" }), /SLACK_WEBHOOK_URL has the scheme "ftp:"/);
    assert.throws(() => renderAlertmanagerConfig({ HEARTBEAT_URL: "not a url" }), /HEARTBEAT_URL is not a URL/);
  });
});

describe("a real Alertmanager on the rendered config", { timeout: 120_000 }, () => {
  let receiver: Receiver;
  let url: string;
  const supervisor = new Supervisor(tmp());

  before(async () => {
    const tools = await provisionPrometheus();
    receiver = await startReceiver();
    const deadPort = await freePort();
    const configFile = writeAlertmanagerConfig(tmp(), {
      SLACK_WEBHOOK_URL: `${receiver.url}/slack`,
      // Tickets' webhook points at a closed port: deliveries fail, are logged and retried.
      ALERT_WEBHOOK_URL: `http://127.0.0.1:${deadPort}/webhook`,
      HEARTBEAT_URL: `${receiver.url}/heartbeat`,
    });
    const port = await freePort();
    const running = await supervisor.start(alertmanagerComponent({ binary: tools.alertmanager, port, dataDir: tmp(), configFile }));
    url = running.component.url;
  });
  after(async () => {
    await supervisor.stopAll();
    await receiver?.close();
  });

  const alert = (labels: Record<string, string>, annotations: Record<string, string> = {}) => ({
    labels,
    annotations: {
      summary: `${labels.alertname} on ${labels.service_name}`,
      description: "a test alert",
      runbook_url: "http://127.0.0.1:9097/runbooks#servicedown",
      ...annotations,
    },
    generatorURL: "http://127.0.0.1:9090/graph?g0.expr=up",
  });

  it("delivers a page to Slack in a readable format, with service down inhibiting the service's error ratio", async () => {
    const alerts = [
      alert({ alertname: "ServiceDown", severity: "page", service_name: "cv-parser" }),
      alert({ alertname: "ServiceErrorRatioHigh", severity: "page", service_name: "cv-parser", http_route: "/v1/cvs/parse" }),
      alert({ alertname: "ServiceErrorRatioHigh", severity: "ticket", service_name: "job-parser", http_route: "/v1/jobs/parse" }),
    ];
    await postAlerts(url, alerts);

    const slack = await pollUntil(
      () => receiver.received("slack").find((item) => String(item.body.attachments?.[0]?.title).includes("ServiceDown")),
      "a Slack message for ServiceDown",
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    const attachment = slack.body.attachments![0]!;
    assert.equal(attachment.title, "[FIRING:1] PAGE ServiceDown · cv-parser");
    assert.equal(attachment.color, "danger");
    assert.equal(attachment.title_link, "http://127.0.0.1:9097/runbooks#servicedown");
    assert.match(attachment.text!, /\*ServiceDown on cv-parser\*/);
    assert.match(attachment.text!, /Service: `cv-parser`/);
    assert.match(attachment.text!, /<http:\/\/127\.0\.0\.1:9097\/runbooks#servicedown\|Runbook>/);
    assert.match(attachment.text!, /<http:\/\/127\.0\.0\.1:9090\/graph\?g0\.expr=up\|Prometheus query>/);

    const state = await heldAlerts(url);
    const inhibited = state.filter((item) => item.status.inhibitedBy.length > 0).map((item) => `${item.labels.alertname}/${item.labels.service_name}`);
    assert.deepEqual(inhibited, ["ServiceErrorRatioHigh/cv-parser"]);
  });

  it("pings the heartbeat with the Watchdog and counts, logs and retries a failing webhook without crashing", async () => {
    await postAlerts(url, [alert({ alertname: "Watchdog", severity: "heartbeat" })]);
    await pollUntil(() => receiver.received("heartbeat").length > 0, "a heartbeat ping", { timeoutMs: 30_000, intervalMs: 250 });
    // Each attempt is counted (the alert rule's notifications_failed_total follows once retries give up).
    const failed = await pollUntil(
      async () => {
        const metrics = await (await fetch(`${url}/metrics`)).text();
        const value = Number(/alertmanager_notification_requests_failed_total\{integration="webhook"[^}]*\} (\d+)/.exec(metrics)?.[1] ?? 0);
        return value > 0 && value;
      },
      "a counted webhook delivery failure",
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    assert.ok(failed > 0);
    assert.equal((await fetch(`${url}/-/healthy`)).status, 200);
    const log = readFileSync(supervisor.running.find((item) => item.component.name === "alertmanager")!.logFile, "utf8");
    assert.match(log, /receiver=oncall integration=webhook\[0\] msg="Notify attempt failed, will retry later".*connection refused/);
  });
});
