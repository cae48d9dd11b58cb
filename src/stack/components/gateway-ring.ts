// Keeps the agent's static list of gateways to the ones that answer (natively, STACK_GATEWAYS=N).
// The static resolver cannot tell that a gateway died, so its share of trace ids would be retried on
// it and lost. This checks every gateway's health endpoint each second; when one misses twice in a
// row (or answers again), it rewrites the agent's overlay (collector/agent.yaml's resolver list) and
// sends the agent SIGHUP, on which the collector reloads its configuration (otelcol, v0.145).
// It also writes Prometheus's file_sd targets for the gateways' own metrics.
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { healthy } from "../child-process.ts";
import { pollUntil } from "../../lifecycle/poll.ts";
import { statePath } from "../../config/paths.ts";
import type { Running } from "../supervisor.ts";
import type { Component } from "../types.ts";

export const ringFile = () => statePath("agent-gateways.yaml");
/** Read by prometheus/prometheus.yml (file_sd_configs under the otel-collector job). */
export const gatewayTargetsFile = () => statePath("prometheus-targets", "gateways.json");

const CHECK_EVERY_MS = 1_000;
const MISSES_TO_DROP = 2;

/** The agent's overlay: the same list for both loadbalancing exporters. */
export function ringOverlay(gateways: Component[]): string {
  const list = `[${gateways.map(({ url }) => new URL(url).host).join(", ")}]`;
  const resolver = `    resolver:\n      static:\n        hostnames: ${list}\n`;
  return `# Written by npm start (src/stack/components/gateway-ring.ts): the gateways that answer now.\n# Stacked over collector/agent.yaml; rewritten, then SIGHUP to the agent, when one dies or is back.\nexporters:\n  load_balancing/traces:\n${resolver}  load_balancing/metrics:\n${resolver}`;
}

export function writeRing(gateways: Component[]): void {
  mkdirSync(dirname(ringFile()), { recursive: true });
  writeFileSync(ringFile(), ringOverlay(gateways));
}

/** One file_sd target group per gateway, in the otel-collector job, labelled with the gateway's name. */
export function writeGatewayTargets(gateways: Component[]): void {
  const groups = gateways.map((gateway) => ({ targets: [`127.0.0.1:${gateway.env!.COLLECTOR_TELEMETRY_PORT}`], labels: { collector: gateway.name } }));
  mkdirSync(dirname(gatewayTargetsFile()), { recursive: true });
  writeFileSync(gatewayTargetsFile(), `${JSON.stringify(groups, null, 2)}\n`);
}

/** The reload stops the receivers and drains the queues (what was bound for a dead gateway is dropped), then starts again. */
async function reloaded(agent: Running): Promise<boolean> {
  await sleep(200);
  return pollUntil(() => healthy(agent.component.healthUrl!), "the agent to answer again after its reload", { timeoutMs: 30_000, intervalMs: 100 }).then(
    () => true,
    () => false,
  );
}

/** What the agent logged as dropped since `from` (its counters start again from 0 at a reload, so they miss these). */
export function droppedItems(logFile: string, from: number): number {
  const text = readFileSync(logFile).subarray(from).toString("utf8");
  return [...text.matchAll(/"dropped_items": (\d+)/g)].reduce((sum, [, n]) => sum + Number(n), 0);
}

export interface RingKeeper {
  stop(): void;
}

export function keepRing(gateways: Component[], agent: Running, onEvent: (message: string) => void = () => {}): RingKeeper {
  const misses = new Map(gateways.map(({ name }) => [name, 0]));
  let ring = gateways.map(({ name }) => name);
  let checking = false;
  const check = async () => {
    if (checking) return;
    checking = true;
    try {
      const answers = await Promise.all(gateways.map(({ healthUrl }) => healthy(healthUrl!)));
      gateways.forEach(({ name }, i) => misses.set(name, answers[i] ? 0 : misses.get(name)! + 1));
      const live = gateways.filter(({ name }) => misses.get(name)! < MISSES_TO_DROP);
      const names = live.map(({ name }) => name);
      // None left: keep the last list (an empty one is no valid config, and there is nowhere to send).
      if (!live.length || names.join() === ring.join()) return;
      const gone = gateways.filter(({ name }) => !names.includes(name)).map(({ name }) => name);
      ring = names;
      writeRing(live);
      const to = `agent re-routed to ${names.join(", ")}${gone.length ? ` (${gone.join(", ")} down)` : ""}`;
      if (agent.child.exitCode !== null || agent.child.signalCode !== null) return onEvent(to);
      const logFrom = statSync(agent.logFile).size;
      const sent = performance.now();
      agent.child.kill("SIGHUP");
      const back = await reloaded(agent);
      const dropped = droppedItems(agent.logFile, logFrom);
      onEvent(
        `${to}${back ? ` in ${((performance.now() - sent) / 1000).toFixed(1)} s` : ", still reloading after 30 s"}; ${dropped} items dropped in the switch (${agent.logFile})`,
      );
    } finally {
      checking = false;
    }
  };
  const timer = setInterval(() => void check(), CHECK_EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
