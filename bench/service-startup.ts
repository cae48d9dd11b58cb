// Startup to the first 200 and resident memory at rest, bare, the peer and ours: the service is spawned
// on the measured core and polled until /health answers 200 (30 s at most, then the run fails).
// `npm run bench:startup` runs this part alone, interleaved, BENCH_ROUNDS times (default 5).
import { setTimeout as sleep } from "node:timers/promises";
import { pinSelfToLoadCore, rssMiB } from "./lib/proc.ts";
import { startNullSink } from "./lib/sink.ts";
import { formatSpread, spread } from "./lib/stats.ts";
import { startTarget, VARIANTS, type RunningTarget, type Variant } from "./lib/targets.ts";

export interface Started {
  target: RunningTarget;
  startupMs: number;
  startupCpuMs: number;
  restRssMiB: number;
}

/** Starts a variant and lets it settle a second before its memory at rest is read. */
export async function startAndSettle(variant: Variant, otlpEndpoint: string, settleMs = 1_000): Promise<Started> {
  const target = await startTarget(variant, otlpEndpoint);
  await sleep(settleMs);
  return { target, startupMs: target.startupMs, startupCpuMs: target.startupCpuMs, restRssMiB: rssMiB(target.pid) };
}

if (import.meta.main) {
  pinSelfToLoadCore();
  const rounds = Number(process.env.BENCH_ROUNDS) || 5;
  const sink = await startNullSink();
  const results: Record<Variant, Started[]> = { bare: [], peer: [], ours: [], before: [] };
  for (let round = 0; round < rounds; round++) {
    for (const variant of VARIANTS) {
      const started = await startAndSettle(variant, sink.url);
      await started.target.stop();
      results[variant].push(started);
    }
  }
  await sink.close();
  console.log(`cv-parser, ${rounds} interleaved rounds (node ${process.version})`);
  for (const variant of VARIANTS) {
    const startup = formatSpread(spread(results[variant].map((r) => r.startupMs / 1000)), 2, "s");
    const cpu = formatSpread(spread(results[variant].map((r) => r.startupCpuMs / 1000)), 2, "s");
    const rss = formatSpread(spread(results[variant].map((r) => r.restRssMiB)), 0, "MiB");
    console.log(`${variant.padEnd(6)} startup to first 200: ${startup}, CPU ${cpu}; RSS at rest: ${rss}`);
  }
}
