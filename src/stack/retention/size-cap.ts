// The store's size cap, beside its age cap (native.ts, ilm.ts): when its indices take more than their
// share of STACK_DISK_BUDGET, the oldest data goes until they are back to 80 % of it. Each check rolls
// an alias over (rollover.ts) whose write index holds more than a slice of the cap, or a day of data;
// over the cap, the oldest indices rolled over are dropped whole, which frees their space at once.
// Only when nothing is left to drop (a plain otel-logs index from before) are the oldest log records
// and spans deleted by query, dated indices older than the cut dropped, and the deleted documents
// expunged (their space comes back only once merged away: up to minutes under load).
// Compose runs it as a loop: node src/stack/retention/size-cap.ts http://elasticsearch:9200
import { deleteIndices, listIndices, rollover } from "../../backends/elasticsearch-admin.ts";
import { deleteByQuery, flush, forceMerge, percentile, storeFigures } from "../../backends/elasticsearch-data.ts";
import { diskBudget } from "../../config/disk-budget.ts";
import { pollUntil } from "../../lifecycle/poll.ts";
import { onStopSignal } from "../../lifecycle/signals.ts";
import { STORE_PATTERNS } from "./native.ts";
import { backingIndices, rolloverAliases, type RolloverAlias } from "./rollover.ts";

/**
 * An alias rolls over when its write index holds this share of the cap. Three write indices grow at
 * once (log records, spans, Jaeger's spans; Jaeger's services barely): an eighth each keeps them under
 * half the cap together, so that what is over the cap can always be dropped whole; and dropping the
 * oldest index frees an eighth at most, not a slice of the newest data.
 */
export const ROLLOVER_SHARE = 1 / 8;
/** And after a day, with any document: the age limit then drops whole days (native.ts). */
const ROLLOVER_AGE_MS = 86_400_000;
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
  /** The indices made by a rollover this check. */
  rolledOver: string[];
  /** Indices dropped whole, the oldest first. */
  droppedIndices: string[];
  /** The @timestamp (ms) below which documents were deleted by query; undefined: none were. */
  cut?: number;
  deleted: number;
}

export interface CapOptions {
  /** Where an alias's write index rolls over; default ROLLOVER_SHARE of the cap. */
  sliceBytes?: number;
  aliases?: RolloverAlias[];
  now?: number;
}

/** Rolls over each alias whose write index holds more than `sliceBytes`, or has held documents for a day. */
async function rollOverFull(baseUrl: string, sliceBytes: number, aliases: RolloverAlias[], now: number): Promise<string[]> {
  const full = (await backingIndices(baseUrl, aliases, CALL)).filter(
    ({ write, docs, bytes, created }) => write && docs > 0 && (bytes > sliceBytes || created + ROLLOVER_AGE_MS <= now),
  );
  const made: string[] = [];
  for (const { alias } of full) made.push(await rollover(baseUrl, alias, CALL));
  return made;
}

/**
 * Drops indices no longer written to, those rolled over first, until `excess` bytes are gone: in one
 * call (each drop is a cluster state change, slow under load). `short`: they were not enough.
 */
async function dropOldest(baseUrl: string, excess: number, aliases: RolloverAlias[]): Promise<{ dropped: string[]; short: boolean }> {
  const candidates = (await backingIndices(baseUrl, aliases, CALL)).filter(({ write }) => !write).sort((a, b) => a.rolledOver! - b.rolledOver!);
  const dropped: string[] = [];
  for (const { index, bytes } of candidates) {
    if (excess <= 0) break;
    dropped.push(index);
    excess -= bytes;
  }
  await deleteIndices(baseUrl, dropped, CALL);
  return { dropped, short: excess > 0 };
}

/**
 * Rolls full write indices over; when the store is over `capBytes`, drops the oldest indices whole, or
 * when none is left to drop deletes the oldest documents; does nothing else under the cap.
 */
export async function enforceSizeCap(
  baseUrl: string,
  capBytes: number,
  { sliceBytes = Math.floor(capBytes * ROLLOVER_SHARE), aliases = rolloverAliases(), now = Date.now() }: CapOptions = {},
): Promise<CapOutcome> {
  const rolledOver = await rollOverFull(baseUrl, sliceBytes, aliases, now);
  let bytes = await storeBytes(baseUrl);
  const under = { rolledOver, droppedIndices: [], deleted: 0 };
  if (bytes <= capBytes) return { bytes, ...under };
  // Over the cap: a flush first, which empties the translog (measured: 72 of 98 MB in a low-budget
  // run, as its threshold is 512 MB a shard); only what is still over goes.
  await flush(baseUrl, CALL);
  bytes = await storeBytes(baseUrl);
  if (bytes <= capBytes) return { bytes, ...under };
  const { dropped: droppedIndices, short } = await dropOldest(baseUrl, bytes - capBytes * KEEP_AFTER_CUT, aliases);
  // Writes meanwhile may have taken it over again: the next check drops more, whole.
  const left = short ? await storeBytes(baseUrl) : 0;
  if (left <= capBytes) return { bytes, rolledOver, droppedIndices, deleted: 0 };
  const byQuery = await deleteOldestDocuments(baseUrl, left, capBytes);
  return { bytes, rolledOver, ...byQuery, droppedIndices: [...droppedIndices, ...byQuery.droppedIndices] };
}

/** What a store of plain indices (from before the rollover layout) has left: the oldest documents deleted by query. */
async function deleteOldestDocuments(baseUrl: string, bytes: number, capBytes: number): Promise<Pick<CapOutcome, "cut" | "deleted" | "droppedIndices">> {
  const cut = await cutOff(baseUrl, deleteFraction(bytes, capBytes));
  if (cut === undefined) return { deleted: 0, droppedIndices: [] };
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
  return { cut, deleted, droppedIndices };
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
      const { bytes, cut, deleted, droppedIndices } = await enforceSizeCap(baseUrl, capBytes);
      const gone = [
        ...(droppedIndices.length ? [`dropped ${droppedIndices.join(", ")}`] : []),
        ...(cut === undefined ? [] : [`deleted ${deleted} documents older than ${new Date(cut).toISOString()}`]),
      ];
      if (gone.length)
        report(`size cap: the store took ${Math.round(bytes / 2 ** 20)} MiB of its ${Math.round(capBytes / 2 ** 20)} MiB; ${gone.join(" and ")}`);
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
