// The CPU-profile yardstick of docs/performance.md: each variant runs cv-parser's route at a fixed rate under
// `node --cpu-prof`, and only the samples of the measured window count. The figure is the CPU spent outside
// parseCv per unit of CPU inside it: the parsing is the same code in every variant, so a busy machine inflates
// both sides alike and the ratio keeps where CPU per request from /proc swings. Bare's ratio is the app's own
// plumbing; a variant's ratio less bare's is its telemetry.
//
//   node bench/profile.ts [label=variant[:ENV=value…] …]    default: bare ours; rounds interleaved
//   PROFILE_ROUNDS (2), PROFILE_RATE (200 req/s), PROFILE_SECONDS (10, after a 3 s warm-up); PROFILE_KEEP=1 keeps the .cpuprofile files
// e.g. `node bench/profile.ts bare ours slowlogs=ours:OTEL_BLRP_SCHEDULE_DELAY=1000`
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { SERVICE_NODE_FLAGS } from "../src/services/catalog.ts";
import { load, ROUTES } from "./lib/load.ts";
import { cpuMs, pinSelfToLoadCore } from "./lib/proc.ts";
import { startNullSink } from "./lib/sink.ts";
import { startTarget, type Variant } from "./lib/targets.ts";

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

interface Spec {
  label: string;
  variant: Variant;
  env: Record<string, string>;
}

/** `label=variant:ENV=value:…`, or `variant:ENV=value…` labelled by itself. */
function specOf(argument: string): Spec {
  const equals = argument.indexOf("=");
  const colon = argument.indexOf(":");
  const [label, rest] = equals >= 0 && (colon < 0 || equals < colon) ? splitOnce(argument, "=") : [argument, argument];
  const [variant, ...pairs] = rest.split(":");
  return { label, variant: variant as Variant, env: Object.fromEntries(pairs.map((pair) => splitOnce(pair, "="))) };
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return [text.slice(0, at), text.slice(at + 1)];
}

/** A package, or our code by folder, or V8's own buckets ((garbage collector), (program)); null for node: and native frames. */
function bucketOf({ functionName, url }: { functionName: string; url: string }): string | null {
  if (!url) return functionName.startsWith("(") && functionName !== "(root)" ? functionName : null;
  if (url.startsWith("node:")) return null;
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1]!;
  const ours = /\/(src|bench)\/(.*?)\/[^/]+$/.exec(url);
  return ours ? `${ours[1]}/${ours[2]}` : url;
}

interface Breakdown {
  totalMs: number;
  parseCvMs: number;
  byBucketMs: Map<string, number>;
}

/** Self time by bucket and time under parseCv, over the samples between `fromUs` and `toUs` (CLOCK_MONOTONIC). */
function analyse(profile: CpuProfile, fromUs: number, toUs: number): Breakdown {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const underParseCv = new Map<number, boolean>();
  const isUnderParseCv = (id: number): boolean => {
    let answer = underParseCv.get(id);
    if (answer === undefined) {
      const { functionName, url } = byId.get(id)!.callFrame;
      const parent = parentOf.get(id);
      answer = (functionName === "parseCv" && url.includes("parse-cv")) || (parent !== undefined && isUnderParseCv(parent));
      underParseCv.set(id, answer);
    }
    return answer;
  };
  // Node's own and native frames count for the package that called them (a stdout write from the
  // access log is the access log's); with no such caller (the HTTP parser, timers) they are "node internals".
  const buckets = new Map<number, string>();
  const bucketOfNode = (id: number): string => {
    let answer = buckets.get(id);
    if (answer === undefined) {
      const parent = parentOf.get(id);
      answer = bucketOf(byId.get(id)!.callFrame) ?? (parent === undefined ? "node internals" : bucketOfNode(parent));
      buckets.set(id, answer);
    }
    return answer;
  };
  const result: Breakdown = { totalMs: 0, parseCvMs: 0, byBucketMs: new Map() };
  let at = profile.startTime;
  const meanIntervalMs = profile.timeDeltas.reduce((sum, delta) => sum + delta, 0) / profile.timeDeltas.length / 1000;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i]!;
    if (at < fromUs || at > toUs) continue;
    const node = byId.get(profile.samples[i]!)!;
    if (node.callFrame.functionName === "(idle)") continue;
    // Every sample weighs the mean interval: weighing by the gap to the next one would charge a
    // descheduled stretch (the core is shared) to whatever happened to run before it.
    const ms = meanIntervalMs;
    result.totalMs += ms;
    if (isUnderParseCv(node.id)) result.parseCvMs += ms;
    const bucket = bucketOfNode(node.id);
    result.byBucketMs.set(bucket, (result.byBucketMs.get(bucket) ?? 0) + ms);
  }
  return result;
}

/** The code that is telemetry and nothing else: its share is steadier than the whole ratio on a busy machine. */
const TELEMETRY_CODE = /^(@opentelemetry\/|@sentry\/|src\/(telemetry|http|request)$)/;

const nowUs = () => Number(process.hrtime.bigint() / 1000n);
const say = (message: string) => process.stderr.write(`[profile] ${message}\n`);

const specs = (process.argv.slice(2).length ? process.argv.slice(2) : ["bare", "ours"]).map(specOf);
const rounds = Number(process.env.PROFILE_ROUNDS) || 2;
const rate = Number(process.env.PROFILE_RATE) || 200;
const seconds = Number(process.env.PROFILE_SECONDS) || 10;

pinSelfToLoadCore();
const sink = await startNullSink();
const results = new Map<string, { ratio: number; direct: number; gc: number; cpuPerRequestMs: number; breakdown: Breakdown; responses: number }[]>();
try {
  for (let round = 1; round <= rounds; round++) {
    // Every other round runs backwards, so a load that rises or falls through the run favours no variant.
    for (const spec of round % 2 ? specs : [...specs].reverse()) {
      const dir = mkdtempSync(join(tmpdir(), "otel-gateway-profile-"));
      process.env.BENCH_NODE_FLAGS = [...SERVICE_NODE_FLAGS, "--cpu-prof", `--cpu-prof-dir=${dir}`].join(" ");
      const target = await startTarget(spec.variant, sink.url, spec.env);
      let window: { from: number; to: number; cpu: number; responses: number };
      try {
        await load(target.url, ROUTES.cv, { durationS: 3, rate });
        const from = nowUs();
        const cpuBefore = cpuMs(target.pid);
        const measured = await load(target.url, ROUTES.cv, { durationS: seconds, rate });
        window = { from, to: nowUs(), cpu: cpuMs(target.pid) - cpuBefore, responses: measured.responses };
      } finally {
        await target.stop();
      }
      const file = readdirSync(dir).find((name) => name.endsWith(".cpuprofile"));
      if (!file) throw new Error(`${spec.label}: no .cpuprofile written in ${dir}`);
      const breakdown = analyse(JSON.parse(readFileSync(join(dir, file), "utf8")) as CpuProfile, window.from, window.to);
      if (process.env.PROFILE_KEEP) say(`${spec.label}: profile kept in ${dir}`);
      else rmSync(dir, { recursive: true, force: true });
      const ratio = (breakdown.totalMs - breakdown.parseCvMs) / breakdown.parseCvMs;
      const share = (test: (bucket: string) => boolean) =>
        [...breakdown.byBucketMs].filter(([bucket]) => test(bucket)).reduce((sum, [, ms]) => sum + ms, 0) / breakdown.parseCvMs;
      const direct = share((bucket) => TELEMETRY_CODE.test(bucket));
      const gc = share((bucket) => bucket === "(garbage collector)");
      const entry = { ratio, direct, gc, cpuPerRequestMs: window.cpu / Math.max(1, window.responses), breakdown, responses: window.responses };
      results.set(spec.label, [...(results.get(spec.label) ?? []), entry]);
      say(
        `round ${round} ${spec.label}: ratio ${ratio.toFixed(3)} (telemetry code ${direct.toFixed(3)}, GC ${gc.toFixed(3)}), ${entry.cpuPerRequestMs.toFixed(3)} ms/request, ${window.responses} responses, load ${loadavg()[0]!.toFixed(1)}`,
      );
    }
  }
} finally {
  await sink.close();
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const bare = results.get("bare");
const bareRatio = bare ? mean(bare.map((entry) => entry.ratio)) : 0;
for (const [label, entries] of results) {
  const ratio = mean(entries.map((entry) => entry.ratio));
  const telemetry = label === "bare" || !bare ? "" : `, telemetry ${(ratio - bareRatio).toFixed(3)}`;
  const direct = entries.map((entry) => entry.direct.toFixed(3)).join(" / ");
  const gc = entries.map((entry) => entry.gc.toFixed(3)).join(" / ");
  console.log(
    `${label}: ratio ${entries.map((entry) => entry.ratio.toFixed(3)).join(" / ")} (mean ${ratio.toFixed(3)}${telemetry}); telemetry code ${direct}; GC ${gc}`,
  );
  // By bucket, in units of parseCv CPU (the yardstick's unit), the largest first.
  const buckets = new Map<string, number>();
  for (const { breakdown } of entries) {
    for (const [bucket, ms] of breakdown.byBucketMs) buckets.set(bucket, (buckets.get(bucket) ?? 0) + ms / breakdown.parseCvMs / entries.length);
  }
  const top = [...buckets].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.PROFILE_TOP) || 14);
  console.log(`  ${top.map(([bucket, share]) => `${bucket} ${share.toFixed(3)}`).join(", ")}`);
}
