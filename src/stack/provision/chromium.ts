// Chromium for the browser tests of the console: Debian's `chromium` package, installed with apt
// like Prometheus, rather than the browser builds playwright-core downloads from its own CDN (one
// package source fewer). CHROMIUM_BIN points at one you already have.
import { isExecutable } from "./digest.ts";
import { aptInstall } from "./apt.ts";

const DEBIAN_BINARY = "/usr/bin/chromium";

export async function provisionChromium(): Promise<string> {
  const override = process.env.CHROMIUM_BIN;
  if (override) {
    if (!isExecutable(override)) throw new Error(`CHROMIUM_BIN=${override} is not an executable file`);
    return override;
  }
  if (isExecutable(DEBIAN_BINARY)) return DEBIAN_BINARY;
  if (process.getuid?.() !== 0) throw new Error("Chromium missing: run as root, or: apt-get install chromium (or set CHROMIUM_BIN)");
  await aptInstall("chromium", ["chromium", "fonts-dejavu-core"], () => isExecutable(DEBIAN_BINARY));
  if (!isExecutable(DEBIAN_BINARY)) throw new Error(`apt-get installed chromium but ${DEBIAN_BINARY} is not there`);
  return DEBIAN_BINARY;
}

if (import.meta.main) console.log(await provisionChromium());
