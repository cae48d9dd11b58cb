// Reading settings from the environment: a bad value warns once, naming the variable,
// the value and the default used, and the service carries on with the default.

const warned = new Set<string>();

function warnOnce(name: string, value: string, fallback: unknown, why: string): void {
  if (warned.has(name)) return;
  warned.add(name);
  process.emitWarning(`${name}=${JSON.stringify(value)} ${why}; using ${JSON.stringify(fallback)}`, {
    code: "OTEL_GATEWAY_BAD_ENV",
  });
}

export function envString(name: string, fallback: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name]?.trim();
  return value ? value : fallback;
}

export interface NumberBounds {
  min?: number;
  max?: number;
  integer?: boolean;
}

export function envNumber(
  name: string,
  fallback: number,
  { min = -Infinity, max = Infinity, integer = false }: NumberBounds = {},
  env: NodeJS.ProcessEnv = process.env,
): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    warnOnce(name, raw, fallback, `is not ${integer ? "an integer" : "a number"}`);
    return fallback;
  }
  if (value < min || value > max) {
    warnOnce(name, raw, fallback, `is outside ${min}..${max}`);
    return fallback;
  }
  return value;
}

export function envPort(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  return envNumber(name, fallback, { min: 0, max: 65535, integer: true }, env);
}

const TRUE = new Set(["1", "true", "yes", "on"]);
const FALSE = new Set(["0", "false", "no", "off"]);

export function envBoolean(name: string, fallback: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (TRUE.has(raw)) return true;
  if (FALSE.has(raw)) return false;
  warnOnce(name, raw, fallback, "is not a boolean");
  return fallback;
}

export function envChoice<T extends string>(name: string, choices: readonly T[], fallback: T, env: NodeJS.ProcessEnv = process.env): T {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if ((choices as readonly string[]).includes(raw)) return raw as T;
  warnOnce(name, raw, fallback, `is not one of ${choices.join(", ")}`);
  return fallback;
}

/** Parses OTEL_RESOURCE_ATTRIBUTES-style "k=v,k2=v2" (values percent-decoded). */
export function parseKeyValueList(raw: string | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of (raw ?? "").split(",")) {
    const at = pair.indexOf("=");
    if (at <= 0) continue;
    const key = pair.slice(0, at).trim();
    try {
      result[key] = decodeURIComponent(pair.slice(at + 1).trim());
    } catch {
      result[key] = pair.slice(at + 1).trim();
    }
  }
  return result;
}
