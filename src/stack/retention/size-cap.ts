// The store's size cap, beside its age cap (native.ts, ilm.ts): when its indices take more than
// their share of STACK_DISK_BUDGET, the oldest log records and spans go until they are back to 80 %
// of it, so that retention by size, when it has to act, frees a good slice rather than a sliver a
// minute. Dated indices (Jaeger's jaeger-span-YYYY-MM-DD) older than the cut go whole. Deleted
// documents free their space only when merged away: expunged at once.
// Compose runs it as a loop: node src/stack/retention/size-cap.ts http://elasticsearch:9200
import { deleteIndices, listIndices } from "../../backends/elasticsearch-admin.ts";
import { deleteByQuery, flush, forceMerge, percentile, storeFigures } from "../../backends/elasticsearch-data.ts";
import { diskBudget } from "../../config/disk-budget.ts";
import { pollUntil } from "../../lifecycle/poll.ts";
import { onStopSignal } from "../../lifecycle/signals.ts";
import { STORE_PATTERNS } from "./native.ts";

const KEEP_AFTER_CUT = 0.8;
const MINUTE_MS = 60_000;
/** Between two checks the store takes what is written meanwhile over its cap: at a 32 MiB cap and
 * 20 requests/s a minute was ~25 MiB (translog included), 15 s is a quarter of it. */
const CHECK_MS = 15_000;

/** Every call here may touch the whole store (stats, flush, merge): a minute each, not a read's 10 s. */
const CALL = { timeoutMs: 60_000 };

/**
 * Bytes every index of the store takes, Jaeger's included: segments and translog (the translog
 * holds up to 512 MB a shard between flushes, so leaving it out would let the data directory, which
 * the disk exporter and the alerts see, run well past the cap).
 */
export async function storeBytes(baseUrl: string): Promise<number> {
  const { storeBytes, translogBytes } = await storeFigures(baseUrl, undefined, CALL);
  return storeBytes + translogBytes;
}

/** The share of the documents to delete, the oldest, to bring `bytes` back to KEEP_AFTER_CUT of the cap. */
const deleteFraction = (bytes: number, capBytes: number) => 1 - (capBytes * KEEP_AFTER_CUT) / bytes;

/** The @timestamp below which `fraction` of the documents lie. */
async function cutOff(baseUrl: string, fraction: number): Promise<number | undefined> {
  const cut = await percentile(baseUrl, STORE_PATTERNS, "@timestamp", fraction * 100, CALL);
  // Percentiles interpolate: a fractional millisecond, which epoch_millis does not parse.
  return cut === undefined ? undefined : Math.floor(cut);
}

export interface CapOutcome {
  /** Bytes before any deletion (after a flush, when over the cap). */
  bytes: number;
  /** The @timestamp (ms) below which documents were deleted; undefined: under the cap. */
  cut?: number;
  deleted: number;
  droppedIndices: string[];
}

/** Deletes the oldest documents when the store is over `capBytes`; does nothing otherwise. */
export async function enforceSizeCap(baseUrl: string, capBytes: number): Promise<CapOutcome> {
  let bytes = await storeBytes(baseUrl);
  if (bytes <= capBytes) return { bytes, deleted: 0, droppedIndices: [] };
  // Over the cap: a flush first, which empties the translog (measured: 72 of 98 MB in a low-budget
  // run, as its threshold is 512 MB a shard); only what is still over is cut from the oldest documents.
  await flush(baseUrl, CALL);
  bytes = await storeBytes(baseUrl);
  if (bytes <= capBytes) return { bytes, deleted: 0, droppedIndices: [] };
  const cut = await cutOff(baseUrl, deleteFraction(bytes, capBytes));
  if (cut === undefined) return { bytes, deleted: 0, droppedIndices: [] };
  const deleted = await deleteByQuery(baseUrl, STORE_PATTERNS, { range: { "@timestamp": { lt: cut, format: "epoch_millis" } } }, CALL);
  const cutDay = new Date(cut).toISOString().slice(0, 10);
  const droppedIndices = (await listIndices(baseUrl, undefined, CALL)).filter(
    (index) => /-(\d{4}-\d{2}-\d{2})$/.exec(index)?.[1]?.localeCompare(cutDay) === -1,
  );
  for (const index of droppedIndices) await deleteIndices(baseUrl, [index], CALL);
  await forceMerge(baseUrl, STORE_PATTERNS, { onlyExpungeDeletes: true }, CALL);
  // The merged-away segments' files go only once no commit the store keeps for recovery references
  // them: a flush after its global checkpoint has caught up. Until then the next check would see the
  // old size and cut again, so wait (a minute at most) for half the deleted documents' space to come
  // back, not for the store to be under the cap: new writes may keep it over that while we wait (a low
  // budget under heavy load), and the next check, 15 s on, cuts again.
  const target = Math.max(capBytes, bytes * (1 - deleteFraction(bytes, capBytes) / 2));
  await pollUntil(
    async () => {
      await flush(baseUrl, CALL);
      return (await storeBytes(baseUrl)) <= target;
    },
    "the store to give back the deleted documents' space",
    { timeoutMs: MINUTE_MS, intervalMs: 2_000 },
  ).catch(() => undefined);
  return { bytes, cut, deleted, droppedIndices };
}

/** Checks every 15 s (cheap: one stats call); a failure is reported, never thrown (the store may be restarting). */
export function startSizeCap(
  baseUrl: string,
  {
    capBytes = diskBudget().caps.store,
    intervalMs = CHECK_MS,
    report = console.warn,
  }: { capBytes?: number; intervalMs?: number; report?: (message: string) => void } = {},
): { stop(): void } {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const outcome = await enforceSizeCap(baseUrl, capBytes);
      if (outcome.cut !== undefined)
        report(
          `size cap: the store took ${Math.round(outcome.bytes / 2 ** 20)} MiB of its ${Math.round(capBytes / 2 ** 20)} MiB; deleted ${outcome.deleted} documents older than ${new Date(outcome.cut).toISOString()}${outcome.droppedIndices.length ? ` and ${outcome.droppedIndices.join(", ")}` : ""}`,
        );
    } catch (error) {
      report(`size cap: ${error instanceof Error ? error.message : String(error)} (next try in ${Math.round(intervalMs / 1000)} s)`);
    } finally {
      running = false;
    }
  };
  void run();
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

if (import.meta.main) {
  const url = process.argv[2] ?? process.env.ELASTICSEARCH_ENDPOINT ?? "http://127.0.0.1:9200";
  const job = startSizeCap(url, { report: console.log });
  console.log(
    `size cap: ${url} kept under ${Math.round(diskBudget().caps.store / 2 ** 20)} MiB (STACK_DISK_BUDGET=${diskBudget().text}), checked every ${CHECK_MS / 1000} s`,
  );
  onStopSignal(() => job.stop());
}
