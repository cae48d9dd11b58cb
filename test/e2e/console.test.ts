// The monitoring console in a real browser (Debian's Chromium, driven by playwright-core) against
// the real stack: the overview shows the three services OK; after a failure is injected it shows
// the failure, and "find a request" with the failing request's id shows the trace waterfall with
// the error span, its logs and its error event. Screenshots of each page go to .stack/screenshots.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { RunningStack } from "../../src/stack/stack.ts";
import { startTestStack } from "../support/stack.ts";
import { openBrowser, type Browser } from "../support/browser.ts";
import { pollUntil } from "../../src/lifecycle/poll.ts";
import { CV_TEXT, JOB_TEXT } from "../services/samples.ts";

const SERVICES = ["matching-api", "cv-parser", "job-parser"];

async function match(api: string, requestId: string): Promise<number> {
  const response = await fetch(`${api}/v1/matches`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-request-id": requestId },
    body: JSON.stringify({ cv: CV_TEXT, job: JOB_TEXT }),
  });
  await response.arrayBuffer();
  return response.status;
}

describe("the monitoring console in a browser", { timeout: 20 * 60_000 }, () => {
  let stack: RunningStack;
  let browser: Browser;
  let consoleUrl: string;
  const failingRequestId = `console-fail-${Date.now()}`;
  const setFailureRate = (value: number) =>
    fetch(`${stack.endpoints.matchingApi}/admin/flags/cvParserFailureRate`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ value }),
    });

  /** Loads a console page and says how long it took: figures, not assertions (the machine is shared). */
  async function open(path: string): Promise<number> {
    const started = performance.now();
    const response = await browser.page.goto(consoleUrl + path, { waitUntil: "load" });
    console.log(`  ${path}: ${response?.status()} in ${Math.round(performance.now() - started)} ms`);
    return response?.status() ?? 0;
  }

  const statusOf = (name: string) => browser.page.locator(`tr[data-service="${name}"]`).getAttribute("data-status");

  before(async () => {
    stack = await startTestStack({ serviceEnv: { OTEL_BSP_SCHEDULE_DELAY: "200", OTEL_BLRP_SCHEDULE_DELAY: "200", OTEL_METRIC_EXPORT_INTERVAL: "2000" } });
    consoleUrl = stack.endpoints.console!;
    browser = await openBrowser();
    for (let i = 0; i < 5; i++) assert.equal(await match(stack.endpoints.matchingApi, `console-ok-${Date.now()}-${i}`), 200);
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it("lists the three services OK on the overview, with every backend's health and sparklines", async () => {
    assert.match(stack.endpoints.console ?? "", /^http:\/\/127\.0\.0\.1:\d+$/, "the console on loopback, in endpoints.json");
    assert.equal(await open("/"), 200);
    for (const name of SERVICES) assert.equal(await statusOf(name), "OK", name);
    for (const name of ["collector", "jaeger", "opensearch", "prometheus", "alertmanager", "bugsink"]) assert.equal(await statusOf(name), "OK", name);
    // Once Prometheus has scraped the requests, each service's request-rate sparkline is drawn.
    await pollUntil(
      async () => {
        await open("/");
        return (await browser.page.locator('tr[data-service="matching-api"] .spark canvas').count()) > 0;
      },
      "matching-api's request-rate sparkline on the overview",
      { timeoutMs: 60_000, intervalMs: 3_000 },
    );
    console.log(`  screenshot: ${await browser.screenshot("overview")}`);
  });

  it("shows an injected failure on the overview: the failing services DEGRADED, the error in the last errors", async () => {
    await setFailureRate(1);
    try {
      assert.ok([502, 503].includes(await match(stack.endpoints.matchingApi, failingRequestId)));
      // A failure that goes on: Prometheus sees a rate of 5xx only once the counter rises between scrapes.
      await pollUntil(
        async () => {
          await match(stack.endpoints.matchingApi, `console-fail-more-${Date.now()}`);
          await open("/");
          return (
            (await statusOf("matching-api")) === "DEGRADED" &&
            (await browser.page.locator("ul.issues li").count()) > 0 &&
            (await browser.page.locator("ul.error-logs li").count()) > 0
          );
        },
        "matching-api DEGRADED by its error ratio, an error event and error logs on the overview",
        { timeoutMs: 90_000, intervalMs: 2_000 },
      );
    } finally {
      await setFailureRate(0);
    }
    const row = await browser.page.locator('tr[data-service="matching-api"]').innerText();
    assert.match(row, /of requests fail/);
    console.log(`  screenshot: ${await browser.screenshot("overview-failure")}`);
  });

  it("finds the failing request by its id: the waterfall with the error span, its logs and its error event", async () => {
    await open("/");
    await browser.page.getByLabel("Request or trace id").fill(failingRequestId);
    await browser.page.getByRole("button", { name: "Find" }).click();
    await browser.page.waitForURL(`**/request?id=${failingRequestId}`);
    // The error event reaches Bugsink a little after the trace and the logs.
    await pollUntil(
      async () => {
        if ((await browser.page.locator("li.event").count()) > 0 && (await browser.page.locator("table.logs tbody tr").count()) > 0) return true;
        await open(`/request?id=${failingRequestId}`);
        return false;
      },
      "the request page with logs and an error event",
      { timeoutMs: 60_000, intervalMs: 2_000 },
    );
    const waterfall = browser.page.locator("ol.waterfall");
    for (const name of SERVICES) assert.ok((await waterfall.locator(`.svc:text-is("${name}")`).count()) > 0, `a span of ${name}`);
    const errorSpan = waterfall.locator("li.span-error").first();
    await errorSpan.locator("summary").click();
    assert.match(await errorSpan.locator("table.attrs").innerText(), /otel\.status_code\s+ERROR/);
    assert.match(await browser.page.locator("table.logs").innerText(), /cv-parser|matching-api/);
    const bugsinkLink = await browser.page.locator("li.event a").first().getAttribute("href");
    assert.ok(bugsinkLink?.startsWith(stack.endpoints.sentry!.url), `a Bugsink link: ${bugsinkLink}`);
    console.log(`  screenshot: ${await browser.screenshot("request")}`);
  });

  it("searches the logs by request id, newest first, and opens the trace from a trace id", async () => {
    assert.equal(await open(`/logs?request_id=${failingRequestId}&range=15m`), 200);
    const rows = browser.page.locator("table.logs tbody tr");
    assert.ok((await rows.count()) > 0, "log rows for the request");
    const times = await rows.locator("time").evaluateAll((elements) => elements.map((element) => element.getAttribute("datetime")!));
    assert.deepEqual(times, [...times].sort().reverse(), "newest first");
    await open("/logs?level=error&range=15m");
    console.log(`  screenshot: ${await browser.screenshot("logs")}`);
    await browser.page.locator("a.trace-link").first().click();
    await browser.page.waitForURL(/\/request\?id=[0-9a-f]{32}$/);
    // The newest error line may belong to a request whose spans Jaeger has not indexed yet:
    // the page says so, and a reload shows them.
    const traceUrl = new URL(browser.page.url());
    await pollUntil(
      async () => {
        if ((await browser.page.locator("ol.waterfall li").count()) > 0) return true;
        await open(`${traceUrl.pathname}${traceUrl.search}`);
        return false;
      },
      "the trace opened from the log line",
      { timeoutMs: 30_000, intervalMs: 1_000 },
    );
  });

  it("draws the RED and ML charts on the metrics page", async () => {
    assert.equal(await open("/metrics?range=15m"), 200);
    await browser.page.locator("figure.drawn canvas").first().waitFor();
    assert.ok((await browser.page.locator("figure.drawn").count()) >= 3, "at least the three RED charts drawn");
    console.log(`  screenshot: ${await browser.screenshot("metrics")}`);
  });

  it("answers a malformed parameter with a 400 page, not a blank one", async () => {
    assert.equal(await open("/logs?trace_id=not-a-trace"), 400);
    assert.match(await browser.page.locator("main").innerText(), /trace_id must be 32 lowercase hex digits/);
  });
});
