// Prometheus, promtool and Alertmanager from Debian's packages `prometheus` and `prometheus-alertmanager`
// (Debian 12: Prometheus 2.42, Alertmanager 0.25). Debian's postinst tries to start the services; without
// systemd that fails quietly and nothing runs: the stack runner starts them itself.
import { delimiter, join } from "node:path";
import { isExecutable } from "./digest.ts";
import { aptInstall } from "./apt.ts";

export interface PrometheusBinaries {
  prometheus: string;
  promtool: string;
  alertmanager: string;
  /** Alertmanager's CLI, for `amtool check-config`; Debian ships it with prometheus-alertmanager. */
  amtool: string | undefined;
}

const DEBIAN_PACKAGES = ["prometheus", "prometheus-alertmanager"];

/** The first executable named `name` on PATH (Debian names the Alertmanager binary prometheus-alertmanager). */
function onPath(...names: string[]): string | undefined {
  const dirs = (process.env.PATH ?? "").split(delimiter).filter(Boolean);
  for (const name of names) {
    for (const dir of dirs) {
      const file = join(dir, name);
      if (isExecutable(file)) return file;
    }
  }
  return undefined;
}

function locate(): Partial<PrometheusBinaries> {
  return {
    prometheus: process.env.PROMETHEUS_BIN ?? onPath("prometheus"),
    promtool: process.env.PROMTOOL_BIN ?? onPath("promtool"),
    alertmanager: process.env.ALERTMANAGER_BIN ?? onPath("prometheus-alertmanager", "alertmanager"),
    amtool: process.env.AMTOOL_BIN ?? onPath("amtool"),
  };
}

function complete(found: Partial<PrometheusBinaries>): PrometheusBinaries | undefined {
  const { prometheus, promtool, alertmanager, amtool } = found;
  if (!prometheus || !promtool || !alertmanager) return undefined;
  if (![prometheus, promtool, alertmanager].every(isExecutable)) return undefined;
  return { prometheus, promtool, alertmanager, amtool };
}

/** Paths of the binaries, installing the Debian packages first when one is missing. Idempotent. */
export async function provisionPrometheus(): Promise<PrometheusBinaries> {
  const ready = complete(locate());
  if (ready) return ready;

  // An override that points nowhere is a mistake to report, not a reason to install packages.
  for (const name of ["PROMETHEUS_BIN", "PROMTOOL_BIN", "ALERTMANAGER_BIN"]) {
    const file = process.env[name];
    if (file && !isExecutable(file)) throw new Error(`${name}=${file} is not an executable file`);
  }
  if (process.getuid?.() !== 0) {
    throw new Error(`Prometheus/Alertmanager missing: run as root, or: apt-get install ${DEBIAN_PACKAGES.join(" ")}`);
  }

  await aptInstall("prometheus", DEBIAN_PACKAGES, () => complete(locate()) !== undefined);

  const installed = complete(locate());
  if (!installed) throw new Error(`apt-get installed ${DEBIAN_PACKAGES.join(" ")} but the binaries are not on PATH`);
  return installed;
}
