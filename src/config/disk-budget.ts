// STACK_DISK_BUDGET: the one figure that bounds the stack's disk, split into each part's cap.
// What holds the data gets the most; the rest is left free for what has no cap of its own
// (Alertmanager, Bugsink, the console's notifications, compaction's temporary copies).
import { envString } from "./env.ts";

export const DEFAULT_DISK_BUDGET = "10GiB";

const UNITS: Record<string, number> = { "": 1, B: 1, KIB: 2 ** 10, MIB: 2 ** 20, GIB: 2 ** 30, TIB: 2 ** 40, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };

/** The share of the budget each capped part gets; the remaining 5 % is headroom. */
export const BUDGET_SHARES = {
  /** The store: log records and spans, Jaeger's traces too once Jaeger keeps them there. */
  store: 0.5,
  /** Prometheus's TSDB (blocks, WAL, exemplars): --storage.tsdb.retention.size. */
  prometheus: 0.3,
  /** The collector's persistent queues (file_storage), split evenly between them. */
  queues: 0.1,
  /** <state>/logs, rotated by size. */
  logs: 0.05,
} as const;

export type CappedPart = keyof typeof BUDGET_SHARES;

/** The collector's persistent queues: Jaeger's, the store's (traces, logs) and remote write's. */
export const PERSISTENT_QUEUES = 4;

/** "10GiB", "512MiB", "2GB", "1073741824" → bytes; undefined when unreadable. */
export function parseBytes(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]i?B?|B)?\s*$/i.exec(text);
  if (!match) return undefined;
  let unit = (match[2] ?? "").toUpperCase();
  if (unit && !unit.endsWith("B")) unit += "B";
  const factor = UNITS[unit];
  return factor === undefined ? undefined : Math.floor(Number(match[1]) * factor);
}

export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

export interface DiskBudget {
  /** The whole budget, in bytes, as given. */
  total: number;
  text: string;
  /** Bytes per capped part. */
  caps: Record<CappedPart, number>;
  /** Each persistent queue's queue_size (sizer: bytes). */
  queueBytes: number;
}

const MIN_BUDGET = 64 * 2 ** 20;
/** Read by every part that has a cap: each bad value is reported once. */
const warned = new Set<string>();

/** STACK_DISK_BUDGET (default 10GiB, at least 64MiB); a bad value warns once, naming the default used. */
export function diskBudget(env: NodeJS.ProcessEnv = process.env): DiskBudget {
  const raw = envString("STACK_DISK_BUDGET", DEFAULT_DISK_BUDGET, env);
  let total = parseBytes(raw);
  let text = raw;
  if (total === undefined || total < MIN_BUDGET) {
    if (!warned.has(raw))
      process.emitWarning(
        `STACK_DISK_BUDGET=${JSON.stringify(raw)} is not a size of at least 64MiB (e.g. 10GiB); using ${JSON.stringify(DEFAULT_DISK_BUDGET)}`,
        {
          code: "OTEL_GATEWAY_BAD_ENV",
        },
      );
    warned.add(raw);
    total = parseBytes(DEFAULT_DISK_BUDGET)!;
    text = DEFAULT_DISK_BUDGET;
  }
  const caps = Object.fromEntries(Object.entries(BUDGET_SHARES).map(([part, share]) => [part, Math.floor(total * share)])) as Record<CappedPart, number>;
  return { total, text, caps, queueBytes: Math.floor(caps.queues / PERSISTENT_QUEUES) };
}

export interface StoreWatermarks {
  /** Free bytes on the store's filesystem below which it stops placing new shards / moves them / refuses writes. */
  low: number;
  high: number;
  /** Below this the store marks its indices read-only: writes are refused until space is freed. */
  floodStage: number;
}

/**
 * The store's disk watermarks as free space, from the budget: 15 %, 10 % and 5 % of it. The store's
 * own cap keeps it well under them; they guard the filesystem against everything else that fills it,
 * and the flood stage is what the StackDiskNearlyFull alert stays ahead of.
 */
export function storeWatermarks({ total }: Pick<DiskBudget, "total">): StoreWatermarks {
  return { low: Math.floor(total * 0.15), high: Math.floor(total * 0.1), floodStage: Math.floor(total * 0.05) };
}
