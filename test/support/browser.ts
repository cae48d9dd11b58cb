// A real headless Chromium (Debian's package) driven by playwright-core, with a fresh profile that
// is removed on close, and a screenshot helper writing into .stack/screenshots.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { provisionChromium } from "../../src/stack/provision/chromium.ts";
import { screenshotDir } from "../../src/config/paths.ts";

// No network of Chromium's own (updates, sync, QUIC probes): the tests talk to loopback only.
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Browser {
  page: Page;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function openBrowser(): Promise<Browser> {
  const executablePath = await provisionChromium();
  const profile = mkdtempSync(join(tmpdir(), "console-chromium-"));
  // A persistent context is how playwright takes a --user-data-dir of ours: a fresh one per run.
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: FLAGS,
    viewport: { width: 1360, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  mkdirSync(screenshotDir(), { recursive: true });
  return {
    page,
    async screenshot(name) {
      const file = join(screenshotDir(), `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
