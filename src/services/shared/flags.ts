// Fault flags for demos, load and alert tests, read through the OpenFeature API from the SDK's own
// InMemoryProvider. With FLAGS_FILE set (npm run services / npm start do), every service shares one
// file: a write replaces it atomically (temp file + rename) and every process's directory watch
// feeds the new values to its provider, so a flag set on any service reaches the service it
// concerns and a flag read touches no file.
import { mkdirSync, readFileSync, renameSync, watch, writeFileSync, type FSWatcher } from "node:fs";
import { basename, dirname, join } from "node:path";
import { InMemoryProvider, OpenFeature } from "@openfeature/server-sdk";
// errors.ts, not the http barrel: that loads the request context and with it the telemetry SDK, which
// the bare benchmark baseline (bench/bare), built from these files, must not pay for.
import { HttpError } from "./error-codes.ts";

export const FLAG_DEFINITIONS = {
  /** Share (0..1) of cv-parser parse requests that fail with an injected 500. */
  cvParserFailureRate: { kind: "number", min: 0, max: 1, default: 0 },
  /** Added latency (ms) before every model extraction. */
  modelLatencyMs: { kind: "number", min: 0, max: 60_000, default: 0 },
  /** job-parser answers 503 and reports itself not ready. */
  jobParserUnavailable: { kind: "boolean", default: false },
} as const;

export type FlagName = keyof typeof FLAG_DEFINITIONS;
export type FlagValues = { [K in FlagName]: (typeof FLAG_DEFINITIONS)[K]["default"] extends boolean ? boolean : number };

export function isFlagName(name: string): name is FlagName {
  return Object.hasOwn(FLAG_DEFINITIONS, name);
}

function defaults(): FlagValues {
  return Object.fromEntries(Object.entries(FLAG_DEFINITIONS).map(([name, def]) => [name, def.default])) as FlagValues;
}

/** Checks a value against the flag's type and range; throws a 422 HttpError otherwise. */
export function validateFlagValue(name: FlagName, value: unknown): boolean | number {
  const definition = FLAG_DEFINITIONS[name];
  if (definition.kind === "boolean") {
    if (typeof value !== "boolean") throw new HttpError("invalid_flag_value", `${name} takes true or false`);
    return value;
  }
  if (typeof value !== "number" || !Number.isFinite(value) || value < definition.min || value > definition.max) {
    throw new HttpError("invalid_flag_value", `${name} takes a number from ${definition.min} to ${definition.max}`);
  }
  return value;
}

const warned = new Set<string>();

/** Once per distinct problem, as env.ts does for a bad variable. */
function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  process.emitWarning(message, { code: "OTEL_GATEWAY_BAD_FLAG" });
}

/** The file's values over the defaults; a bad value is ignored (with a warning) and the others apply. */
export function parseFlagsFile(text: string, file = "the flags file"): FlagValues {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new SyntaxError(`${file} is not a JSON object`);
  const values = defaults();
  for (const [name, value] of Object.entries(parsed)) {
    if (!isFlagName(name)) {
      warnOnce(`${file}: no flag named ${JSON.stringify(name)}; ignored`);
      continue;
    }
    try {
      Object.assign(values, { [name]: validateFlagValue(name, value) });
    } catch (error) {
      warnOnce(`${file}: ${name}=${JSON.stringify(value)} ignored (${(error as Error).message}); using ${JSON.stringify(FLAG_DEFINITIONS[name].default)}`);
    }
  }
  return values;
}

/** The values as an InMemoryProvider configuration: one variant per flag, the current value. */
function configurationOf(values: FlagValues) {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, { variants: { current: value }, defaultVariant: "current", disabled: false }]),
  );
}

/** The flag values of this process, mirrored in a JSON file shared by processes when one is given. */
export class FlagStore {
  readonly provider = new InMemoryProvider(configurationOf(defaults()));
  private values: FlagValues = defaults();
  private readonly file: string | undefined;
  private watcher: FSWatcher | undefined;

  constructor(file?: string) {
    this.file = file;
    if (!file) return;
    mkdirSync(dirname(file), { recursive: true });
    // The directory, not the file: a rename replaces the file's inode, which a file watch would lose.
    this.watcher = watch(dirname(file), { persistent: false }, (_event, name) => {
      if (name === basename(file)) this.load();
    });
    this.load();
  }

  all(): FlagValues {
    return { ...this.values };
  }

  set(name: FlagName, value: unknown): void {
    const next = { ...this.values, [name]: validateFlagValue(name, value) };
    if (this.file) {
      const temporary = join(dirname(this.file), `.${basename(this.file)}.${process.pid}.tmp`);
      writeFileSync(temporary, JSON.stringify(next, null, 2));
      renameSync(temporary, this.file);
    }
    this.apply(next);
  }

  close(): void {
    this.watcher?.close();
  }

  private apply(values: FlagValues): void {
    this.values = values;
    this.provider.putConfiguration(configurationOf(values));
  }

  /**
   * Read synchronously in the watch callback, so the new values are in place before this process
   * handles a request that arrived after the write. No file yet: the defaults. Not JSON (a hand
   * edit): the last good values stay, with a warning.
   */
  private load(): void {
    let text: string;
    try {
      text = readFileSync(this.file!, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return this.apply(defaults());
      return warnOnce(`${this.file} could not be read (${(error as Error).message}); keeping the values before it`);
    }
    try {
      this.apply(parseFlagsFile(text, this.file));
    } catch (error) {
      warnOnce(`${this.file} could not be read as flags (${(error as Error).message}); keeping the values before it`);
    }
  }
}

export interface Flags {
  store: FlagStore;
  number(name: FlagName): Promise<number>;
  boolean(name: FlagName): Promise<boolean>;
}

/** Registers the store's provider as this process's OpenFeature provider and returns typed accessors. */
export function createFlags(file = process.env.FLAGS_FILE): Flags {
  const store = new FlagStore(file);
  OpenFeature.setProvider(store.provider);
  const client = OpenFeature.getClient();
  return {
    store,
    number: (name) => client.getNumberValue(name, FLAG_DEFINITIONS[name].default as number),
    boolean: (name) => client.getBooleanValue(name, FLAG_DEFINITIONS[name].default as boolean),
  };
}
