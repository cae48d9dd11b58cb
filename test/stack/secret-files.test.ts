// Files that carry a secret (Bugsink's API token and DSN in endpoints.json; the Slack URL and SMTP
// password in the rendered Alertmanager config) are readable by their owner only: written 0600, and
// an existing file from an older run (0644) is re-moded, not just overwritten.
import assert from "node:assert/strict";
import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { writeAlertmanagerConfig } from "../../src/alerting/alertmanager-config.ts";
import { writeEndpoints, type Endpoints } from "../../src/stack/endpoints.ts";

const modeOf = (file: string) => (statSync(file).mode & 0o777).toString(8);
const endpoints = { sentry: { url: "http://127.0.0.1:8000", dsn: "http://key@127.0.0.1:8000/1", projectId: 1, apiToken: "a".repeat(40) } } as Endpoints;
const writers: [string, (dir: string) => string, string][] = [
  [".stack/endpoints.json", (dir) => (writeEndpoints(endpoints, join(dir, "endpoints.json")), join(dir, "endpoints.json")), "endpoints.json"],
  [
    "the rendered Alertmanager config",
    (dir) =>
      writeAlertmanagerConfig(dir, { SMTP_SMARTHOST: "smtp.example:587", ALERT_EMAIL_TO: "a@example.com", SMTP_AUTH_USERNAME: "u", SMTP_AUTH_PASSWORD: "p" }),
    "alertmanager.yml",
  ],
];

describe("files with secrets", () => {
  for (const [name, write, file] of writers) {
    it(`writes ${name} 0600`, () => {
      assert.equal(modeOf(write(mkdtempSync(join(tmpdir(), "secret-files-")))), "600");
    });

    it(`re-modes an existing ${name} that was 0644`, () => {
      const dir = mkdtempSync(join(tmpdir(), "secret-files-"));
      writeFileSync(join(dir, file), "old\n", { mode: 0o644 });
      assert.equal(modeOf(write(dir)), "600");
    });
  }
});
