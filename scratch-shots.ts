// Scratch (not committed): screenshots of the console on `npm start`'s stack with loadgen traffic.
import { setTimeout as sleep } from "node:timers/promises";
import { readEndpoints } from "./src/stack/endpoints.ts";
import { searchLogs } from "./src/lookup/elasticsearch.ts";
import { openBrowser } from "./test/support/browser.ts";
const endpoints = readEndpoints();
const flag = (value: number) => fetch(`${endpoints.matchingApi}/admin/flags/cvParserFailureRate`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ value }) });
await sleep(45_000);
await flag(0.3);
await sleep(45_000);
const { lines } = await searchLogs(endpoints.elasticsearch, { level: "error", service: "cv-parser", sinceSeconds: 120 }, { size: 5 });
const id = lines.find((l) => l.requestId)?.requestId;
console.log("failing request", id);
const b = await openBrowser();
const shoot = async (path: string, name: string) => {
  const started = performance.now();
  const r = await b.page.goto(endpoints.console + path);
  console.log(path, r?.status(), Math.round(performance.now() - started), "ms");
  console.log(await b.screenshot(`npmstart-${name}`));
};
await shoot("/", "overview");
if (id) {
  await b.page.goto(`${endpoints.console}/request?id=${id}`);
  await b.page.locator("li.span-error summary").nth(0).click().catch(() => undefined);
  await shoot(`/request?id=${id}`, "request-closed");
  await b.page.locator("li.span-error summary").last().click().catch(() => undefined);
  console.log(await b.screenshot("npmstart-request"));
}
await shoot("/logs?range=15m", "logs");
await shoot("/metrics?range=15m", "metrics");
await flag(0);
await b.close();
