// Debian packages for the stack (Prometheus, Alertmanager, Chromium), once on the machine (once.ts).
import { buildOnce } from "./once.ts";
import { run } from "./run.ts";

/** `apt-get install` of `packages` as the step `name`, unless `isReady`; waits for another apt-get's dpkg lock. */
export async function aptInstall(name: string, packages: readonly string[], isReady: () => boolean): Promise<void> {
  await buildOnce(name, `apt-get install ${packages.join(" ")}`, isReady, async () => {
    const env = { DEBIAN_FRONTEND: "noninteractive" };
    // Another apt-get (the other part's, or the machine's own) may hold dpkg's lock for a while.
    const lock = ["-o", "DPkg::Lock::Timeout=600"];
    await run("apt-get", [...lock, "update"], { env, quiet: true });
    await run("apt-get", [...lock, "install", "-y", "--no-install-recommends", ...packages], { env, quiet: true });
  });
}
