// `npm run chaos`: the real stack, faults injected one after the other, every item counted by its
// unique id in every backend afterwards; prints one table (Markdown, for docs/reliability.md), the
// overload's own figures under it, and exits 1 if anything was lost or stored twice. Short by default (one fault of
// each kind, CHAOS_FAULT_SECONDS=60);
// `npm run chaos -- --long` adds each backend alone, down and hung, and a 6-minute outage;
// CHAOS_LOADGEN=on runs the load generator throughout; --only <text> runs the faults named so.
// `npm run chaos -- --only abuse [--case <text>]`: the hostile clients instead (bench/chaos/abuse),
// one table; exits 1 if the canary beside them lost anything.
import { cpus, loadavg, totalmem } from "node:os";
import { startStack } from "../../src/stack/stack.ts";
import { BACKENDS, collectorKilledDuringOutage, hung, refused, type Fault } from "./faults.ts";
import { abuseReport, abuseSuite } from "./abuse/suite.ts";
import { overload } from "./overload.ts";
import { measureFault, table, type Row } from "./run.ts";
import { servicesTable, servicesWithCollectorFault, type PhaseFigures } from "./services.ts";

export function shortSuite(): Fault[] {
  return [refused(...BACKENDS), hung(...BACKENDS), collectorKilledDuringOutage(), overload()];
}

function longSuite(): Array<[Fault, number]> {
  return [
    ...BACKENDS.flatMap((backend): Array<[Fault, number]> => [
      [refused(backend), 60],
      [hung(backend), 60],
    ]),
    ...shortSuite().map((fault): [Fault, number] => [fault, 60]),
    [refused(...BACKENDS), 360],
  ];
}

if (import.meta.main) {
  // The probe and the overload's clients send no token and speak plain HTTP.
  if (process.env.OTLP_BEARER_TOKEN || process.env.COLLECTOR_TLS_CERT_FILE) {
    console.error("npm run chaos measures the loopback collector: unset OTLP_BEARER_TOKEN and COLLECTOR_TLS_CERT_FILE.");
    process.exit(2);
  }
  const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
  if (arg("--only") === "abuse") {
    const stack = await startStack({ onEvent: (message) => console.log(`  [supervisor] ${message}`) });
    const rows = await abuseSuite(stack, { only: arg("--case") }).finally(() => stack.stop());
    console.log(
      `\n${new Date().toISOString().slice(0, 16)}Z, ${cpus().length} × ${cpus()[0]?.model ?? "?"}, load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}; canary 5 items/s per signal\n`,
    );
    console.log(abuseReport(rows));
    process.exit(rows.some((row) => row.canary.lost) ? 1 : 0);
  }
  const long = process.argv.includes("--long");
  const seconds = Number(process.env.CHAOS_FAULT_SECONDS ?? 60);
  // --only <text>: just the faults whose name contains it; "--only services" runs the services' part alone.
  const only = arg("--only");
  const plan = (only === "services" ? [] : long ? longSuite() : shortSuite().map((fault): [Fault, number] => [fault, seconds])).filter(
    ([fault]) => !only || fault.name.includes(only),
  );
  // CHAOS_LOADGEN=on adds the demo's nominal traffic, so the queue peaks are those of a real load.
  const loadgen = process.env.CHAOS_LOADGEN === "on";
  const stack = await startStack({ loadgen, onEvent: (message) => console.log(`  [supervisor] ${message}`) });
  const rows: Row[] = [];
  const services: PhaseFigures[] = [];
  try {
    const recoverySeconds = Number(process.env.CHAOS_RECOVERY_SECONDS ?? 180);
    for (const [fault, faultSeconds] of plan) rows.push(...(await measureFault(stack, fault, { seconds: faultSeconds, recoverySeconds })));
    if (!only || only === "services")
      for (const fault of ["down", "hung"] as const) services.push(...(await servicesWithCollectorFault(stack, fault, { seconds })));
  } finally {
    await stack.stop();
  }
  console.log(
    `\n${new Date().toISOString().slice(0, 16)}Z, ${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${Math.round(totalmem() / 2 ** 30)} GiB; probe 5 items/s per signal${loadgen ? " + loadgen" : ""}; ${long ? "long" : `${seconds} s faults`}\n`,
  );
  console.log(table(rows));
  for (const [fault] of plan) if (fault.report?.()) console.log(`\n${fault.name}:\n\n${fault.report()}`);
  if (services.length) console.log(`\nThe services with the collector down or hung ${seconds} s:\n\n${servicesTable(services)}`);
  const servicesLost = services.reduce((sum, f) => sum + 2 * f.requests - f.tracesInJaeger - f.logsInStore, 0);
  const lost = rows.reduce((sum, row) => sum + row.lost, 0) + servicesLost;
  const duplicated = rows.reduce((sum, row) => sum + row.duplicated, 0);
  console.log(lost || duplicated ? `\n${lost} items lost, ${duplicated} extra copies.` : "\nNothing lost, nothing stored twice.");
  process.exit(lost || duplicated ? 1 : 0);
}
