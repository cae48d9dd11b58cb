// A collector config as the collector reads it, for tests that check what it binds without running
// it: files merged in order (maps key by key, arrays replaced, null removes), ${env:X:-default}
// resolved, and every admin endpoint listed.
export type Json = Record<string, unknown>;

export function merge(base: unknown, overlay: unknown): unknown {
  if (overlay === null) return undefined; // `static: null` removes a key
  if (typeof base !== "object" || base === null || Array.isArray(base) || typeof overlay !== "object" || Array.isArray(overlay)) return overlay;
  const out: Json = { ...(base as Json) };
  for (const [key, value] of Object.entries(overlay as Json)) {
    const merged = merge(out[key], value);
    if (merged === undefined) delete out[key];
    else out[key] = merged;
  }
  return out;
}

export function resolveEnv(value: unknown, env: Record<string, string>): unknown {
  if (typeof value === "string")
    return value.replace(/\$\{env:([A-Z0-9_]+)(?::-([^}]*))?\}/g, (_, name: string, fallback?: string) => env[name] ?? fallback ?? "");
  if (Array.isArray(value)) return value.map((item) => resolveEnv(item, env));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveEnv(item, env)]));
  return value;
}

/** Every admin endpoint a config binds: health, zpages, pprof, the own-metrics reader, the prometheus exporter. */
export function adminBinds(config: Json): [string, string][] {
  const binds: [string, string][] = [];
  for (const [name, extension] of Object.entries((config.extensions ?? {}) as Record<string, { endpoint?: string }>)) {
    if (/^(health_check|zpages|pprof)/.test(name) && extension?.endpoint) binds.push([name.split("/")[0]!, extension.endpoint]);
  }
  for (const [name, exporter] of Object.entries((config.exporters ?? {}) as Record<string, { endpoint?: string }>)) {
    if (name.split("/")[0] === "prometheus") binds.push([name, exporter.endpoint!]);
  }
  const telemetry = (config.service as { telemetry?: { metrics?: { readers?: { pull?: { exporter?: { prometheus?: { host: string; port: number } } } }[] } } })
    .telemetry;
  for (const reader of telemetry?.metrics?.readers ?? []) {
    const prometheus = reader.pull?.exporter?.prometheus;
    if (prometheus) binds.push(["telemetry", `${prometheus.host}:${prometheus.port}`]);
  }
  return binds;
}
