// Turns a dashboard query into what Grafana would send: template variables replaced by their values
// (formatted for PromQL or Lucene) and Grafana's macros by durations, computed as Grafana does.

/** The Prometheus datasource's scrape interval (timeInterval in grafana/provisioning, prometheus.yml). */
export const SCRAPE_INTERVAL_S = 5;

export interface TimeWindow {
  fromMs: number;
  toMs: number;
  /** Grafana's $__interval: the query step. */
  stepS: number;
}

/** A variable's chosen values; `all` set when the "All" option is chosen (Grafana then sends allValue). */
export interface VariableValue {
  values: string[];
  allValue?: string;
}

export type Syntax = "promql" | "lucene";

const escapeRegex = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function format(value: VariableValue, syntax: Syntax): string {
  if (value.allValue !== undefined) return value.allValue;
  if (value.values.length === 1) return value.values[0]!;
  return syntax === "promql" ? `(${value.values.map(escapeRegex).join("|")})` : `(${value.values.map((v) => `"${v}"`).join(" OR ")})`;
}

/** $__rate_interval, $__interval, $__range… as Grafana computes them for this window. */
export function macros({ fromMs, toMs, stepS }: TimeWindow): Record<string, string> {
  const rangeS = Math.round((toMs - fromMs) / 1000);
  return {
    __rate_interval: `${Math.max(stepS + SCRAPE_INTERVAL_S, 4 * SCRAPE_INTERVAL_S)}s`,
    __interval: `${stepS}s`,
    __interval_ms: String(stepS * 1000),
    __range: `${rangeS}s`,
    __range_s: String(rangeS),
    __range_ms: String(rangeS * 1000),
  };
}

/** Replaces $name, ${name} and ${name:format}; throws on a name it does not know. */
export function expand(text: string, values: Record<string, VariableValue>, window: TimeWindow, syntax: Syntax): string {
  const builtIns = macros(window);
  return text.replace(/\$\{([A-Za-z_]\w*)(?::\w+)?\}|\$([A-Za-z_]\w*)/g, (whole, braced: string | undefined, bare: string | undefined) => {
    const name = (braced ?? bare)!;
    if (name in builtIns) return builtIns[name]!;
    const value = values[name];
    if (!value) throw new Error(`unknown variable $${name} in ${text}`);
    return format(value, syntax);
  });
}
