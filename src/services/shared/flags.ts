// Fault flags for demos, load and alert tests, read through the OpenFeature API with a provider
// of ours. With FLAGS_FILE set (npm run services / npm start do), every service shares one file,
// so a flag set on any service reaches the service it concerns.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { OpenFeature, type JsonValue, type Provider, type ResolutionDetails } from "@openfeature/server-sdk";
import { HttpError } from "../../telemetry/errors.ts";

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

/** An OpenFeature provider over a map, optionally mirrored in a JSON file shared by processes. */
export class FlagStore implements Provider {
  readonly metadata = { name: "otel-gateway-flags" } as const;
  readonly runsOn = "server" as const;
  private values: FlagValues = defaults();
  private readonly file: string | undefined;
  private loadedMtimeMs = -1;

  constructor(file?: string) {
    this.file = file;
  }

  all(): FlagValues {
    this.reload();
    return { ...this.values };
  }

  set(name: FlagName, value: unknown): void {
    this.reload();
    this.values = { ...this.values, [name]: validateFlagValue(name, value) };
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(this.file, JSON.stringify(this.values, null, 2));
    this.loadedMtimeMs = statSync(this.file).mtimeMs;
  }

  /** Picks up changes another process wrote; a broken file keeps the last good values. */
  private reload(): void {
    if (!this.file || !existsSync(this.file)) return;
    const mtimeMs = statSync(this.file).mtimeMs;
    if (mtimeMs === this.loadedMtimeMs) return;
    this.loadedMtimeMs = mtimeMs;
    try {
      const parsed = JSON.parse(readFileSync(this.file, "utf8")) as Record<string, unknown>;
      const next = defaults();
      for (const [name, value] of Object.entries(parsed)) {
        if (isFlagName(name)) Object.assign(next, { [name]: validateFlagValue(name, value) });
      }
      this.values = next;
    } catch {
      // Half-written or hand-edited: keep serving the values we had.
    }
  }

  private resolve<T>(name: string, fallback: T): Promise<ResolutionDetails<T>> {
    const values = this.all() as Record<string, unknown>;
    if (!(name in values)) return Promise.resolve({ value: fallback, reason: "DEFAULT" });
    return Promise.resolve({ value: values[name] as T, reason: "STATIC" });
  }

  resolveBooleanEvaluation(name: string, fallback: boolean) {
    return this.resolve(name, fallback);
  }
  resolveNumberEvaluation(name: string, fallback: number) {
    return this.resolve(name, fallback);
  }
  resolveStringEvaluation(name: string, fallback: string) {
    return this.resolve(name, fallback);
  }
  resolveObjectEvaluation<T extends JsonValue>(name: string, fallback: T) {
    return this.resolve(name, fallback);
  }
}

export interface Flags {
  store: FlagStore;
  number(name: FlagName): Promise<number>;
  boolean(name: FlagName): Promise<boolean>;
}

/** Registers the store as this process's OpenFeature provider and returns typed accessors. */
export function createFlags(file = process.env.FLAGS_FILE): Flags {
  const store = new FlagStore(file);
  OpenFeature.setProvider(store);
  const client = OpenFeature.getClient();
  return {
    store,
    number: (name) => client.getNumberValue(name, FLAG_DEFINITIONS[name].default as number),
    boolean: (name) => client.getBooleanValue(name, FLAG_DEFINITIONS[name].default as boolean),
  };
}
