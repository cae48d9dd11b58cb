// Alerts that reach a person, live: the whole native stack with its load generator, Alertmanager
// delivering to a Slack-format receiver this test runs, and faults injected through the services' flags.
// The rules are the shipped ones with `for:` shortened to 15 s and every rate window to a tenth (the
// 5-minute error ratio is 30 s), scraped and evaluated every 2 s (test/support/rules-overlay.ts); the
// expressions, thresholds, routes, inhibitions and templates are the real ones.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { parse } from "yaml";
import { projectRoot } from "../../src/config/paths.ts";
import { portOf } from "../../src/stack/ports.ts";
import type { RunningStack } from "../../src/stack/stack.ts";
import { startTestStack } from "../support/stack.ts";
import { alertingSetup } from "../../src/alerting/alertmanager-config.ts";
import { pollUntil } from "../../src/lifecycle/poll.ts";
import { startReceiver, type Received, type Receiver } from "../support/receiver.ts";
import { PROMQL_WINDOW, writeRulesOverlay } from "../support/rules-overlay.ts";

const overlayDir = mkdtempSync(join(tmpdir(), "rules-overlay-"));
const stateDir = mkdtempSync(join(tmpdir(), "alerting-state-"));

async function setFlag(stack: RunningStack, name: string, value: unknown): Promise<void> {
  const response = await fetch(`${stack.endpoints.matchingApi}/admin/flags/${name}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ value }),
  });
  assert.equal(response.status, 200, `PUT /admin/flags/${name}`);
}

const titleOf = (item: Received) => item.body.attachments?.[0]?.title ?? "";
const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);

describe("alerts reach a person, live", { timeout: 30 * 60_000 }, () => {
  let receiver: Receiver;
  let stack: RunningStack;

  before(async () => {
    receiver = await startReceiver();
    stack = await startTestStack({
      loadgen: true,
      prometheusConfig: writeRulesOverlay(overlayDir),
      alertingStateDir: stateDir,
      alerting: alertingSetup({
        SLACK_WEBHOOK_URL: `${receiver.url}/slack`,
        ALERT_WEBHOOK_URL: `${receiver.url}/webhook`,
        HEARTBEAT_URL: `${receiver.url}/heartbeat`,
      }),
    });
    await setFlag(stack, "cvParserFailureRate", 0);
    await setFlag(stack, "jobParserUnavailable", false);
  });
  after(async () => {
    if (stack) {
      await setFlag(stack, "cvParserFailureRate", 0).catch(() => {});
      await setFlag(stack, "jobParserUnavailable", false).catch(() => {});
      await stack.stop();
    }
    await receiver?.close();
    for (const dir of [overlayDir, stateDir]) rmSync(dir, { recursive: true, force: true });
  });

  it("the overlay differs from the shipped rules in `for:` and the lengths of its windows only", () => {
    const read = (file: string) => parse(readFileSync(file, "utf8")) as { groups: { rules: { expr: string }[] }[] };
    const strip = (file: string) =>
      JSON.stringify(read(file), (key, value: unknown) =>
        key === "for" ? undefined : key === "expr" ? String(value).replace(PROMQL_WINDOW, "[window]") : value,
      );
    for (const file of ["services.yml", "gateway.yml", "slo-cv-parser.yml"]) {
      assert.equal(strip(join(overlayDir, "rules", file)), strip(join(projectRoot, "prometheus", "rules", file)));
    }
    assert.match(readFileSync(join(overlayDir, "rules", "services.yml"), "utf8"), /\[30s\]/, "the 5-minute windows are 30 s");
  });

  it("with no receiver configured the stack would run its own inbox; configured ones replace it", () => {
    assert.equal(stack.endpoints.notifications, undefined);
  });

  it("a broken cv-parser pages in Slack format within 5 minutes, and a resolved message follows once it is fixed", async () => {
    const injectedAt = performance.now();
    const since = new Date().toISOString();
    await setFlag(stack, "cvParserFailureRate", 1);
    const page = await pollUntil(
      () =>
        receiver
          .received("slack")
          .find((item) => item.receivedAt >= since && /^\[FIRING:\d+\] PAGE ServiceErrorRatioHigh · (cv-parser|matching-api)$/.test(titleOf(item))),
      "a page notification for ServiceErrorRatioHigh naming cv-parser or matching-api",
      { timeoutMs: 5 * 60_000, intervalMs: 1_000 },
    );
    console.log(`fault to page notification: ${seconds(injectedAt)}s (${titleOf(page)})`);
    const attachment = page.body.attachments![0]!;
    assert.equal(attachment.color, "danger");
    // Any percentage: the window may still hold requests that succeeded before the fault.
    assert.match(attachment.text!, /answers \d+(\.\d+)?% of \/v1\/(cvs\/parse|matches) with a 5xx/);
    // The runbook link leads to this stack's inbox, wherever its ports were moved.
    assert.ok(attachment.text!.includes(`<http://127.0.0.1:${portOf("NOTIFICATIONS_PORT")}/runbooks#serviceerrorratiohigh|Runbook>`), attachment.text);
    assert.match(attachment.text!, /<http:\/\/127\.0\.0\.1:\d+\/graph\?g0\.expr=[^|]+\|Prometheus query>/);
    const service = /· (\S+)$/.exec(titleOf(page))![1]!;

    const burn = await pollUntil(
      () => receiver.received("slack").find((item) => item.receivedAt >= since && titleOf(item).includes("PAGE ErrorBudgetBurn")),
      "a fast-burn SLO page (ErrorBudgetBurn)",
      { timeoutMs: 3 * 60_000, intervalMs: 1_000 },
    );
    console.log(`fault to SLO burn page: ${seconds(injectedAt)}s (${titleOf(burn)})`);

    const fixedAt = performance.now();
    const fixed = new Date().toISOString();
    await setFlag(stack, "cvParserFailureRate", 0);
    const resolved = await pollUntil(
      () => receiver.received("slack").find((item) => item.receivedAt >= fixed && titleOf(item) === `[RESOLVED] PAGE ServiceErrorRatioHigh · ${service}`),
      `a resolved message for ${service}'s ServiceErrorRatioHigh page`,
      { timeoutMs: 9 * 60_000, intervalMs: 2_000 },
    );
    console.log(`fix to resolved notification: ${seconds(fixedAt)}s`);
    assert.equal(resolved.body.attachments![0]!.color, "good");
  });

  it("job-parser made unavailable sends a degraded-readiness notification", async () => {
    await setFlag(stack, "cvParserFailureRate", 0); // whatever the previous case left
    const injectedAt = performance.now();
    const since = new Date().toISOString();
    await setFlag(stack, "jobParserUnavailable", true);
    const notReady = await pollUntil(
      () => receiver.received("slack").find((item) => item.receivedAt >= since && /PAGE ServiceNotReady · job-parser/.test(titleOf(item))),
      "a ServiceNotReady page for job-parser",
      { timeoutMs: 3 * 60_000, intervalMs: 1_000 },
    );
    console.log(`fault to degraded-readiness notification: ${seconds(injectedAt)}s`);
    assert.match(notReady.body.attachments![0]!.text!, /job-parser reports DEGRADED readiness/);
    // The generic webhook receives the same alert in Alertmanager's JSON format.
    assert.ok(receiver.received("webhook").some((item) => item.body.alerts?.some((alert) => alert.labels.alertname === "ServiceNotReady")));
    await setFlag(stack, "jobParserUnavailable", false);
  });

  it("the heartbeat receiver is pinged at least every 30 seconds (at least once a minute is the promise)", async () => {
    await pollUntil(() => receiver.received("heartbeat").length >= 3, "three heartbeat pings", { timeoutMs: 90_000, intervalMs: 1_000 });
    const pings = receiver.received("heartbeat").map((item) => Date.parse(item.receivedAt));
    const gaps = pings.slice(1).map((at, index) => (at - pings[index]!) / 1000);
    console.log(`heartbeat: ${pings.length} pings, largest gap ${Math.max(...gaps).toFixed(1)}s`);
    assert.ok(Math.max(...gaps) <= 31, `gaps ${gaps.join(", ")}`);
  });
});
