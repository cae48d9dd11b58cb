// How the stack runner (npm start, e2e tests) knows a component: what to run and how to tell it is up.

export interface Component {
  /** Short name used in the status table and log file names: "collector", "jaeger". */
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  cwd?: string;
  /** An HTTP URL that answers 2xx once the component is ready; none: running is enough. */
  healthUrl?: string;
  /** What the user opens or points a client at, for the table and endpoints.json. */
  url: string;
  /** Cold starts of JVMs can take long. */
  startTimeoutMs?: number;
  /** When a stop reaches it (src/lifecycle/stop-order.ts): lower first; default last, with the backends. */
  stopTier?: number;
}

/** A health endpoint the console checks (the stack hands the console the list in CONSOLE_TARGETS). */
export interface HealthTarget {
  name: string;
  kind: "service" | "backend";
  healthUrl: string;
}

/**
 * What the launcher needs of the alerting layer, handed in so that the stack never imports it
 * (src/alerting/alertmanager-config.ts makes one from the environment: alertingSetup()).
 */
export interface AlertingSetup {
  /** Whether any receiver still delivers to the local notification inbox: then the stack runs it first. */
  inboxNeeded: boolean;
  /** Writes Alertmanager's config into `dir`, inbox receivers pointed at `inboxUrl`; answers the file. */
  writeConfig(dir: string, inboxUrl: string | undefined): string;
}
