// Starts the real stack natively: backends, the collector, the three services and (optionally) the
// load generator; waits until each is healthy and writes <state>/endpoints.json. Used by `npm start`
// and the end-to-end tests.
import { join } from "node:path";
import { SERVICES, portOf, serviceArgs, serviceEnv, type ServiceSpec } from "../services/catalog.ts";
import { alertmanagerComponent, committedAlertmanagerConfig } from "./components/alertmanager.ts";
import { bugsinkComponent } from "./components/bugsink.ts";
import { collectorComponent } from "./components/collector.ts";
import { consoleComponent } from "./components/console.ts";
import { gatewayCount, startGatewayPool } from "./components/gateway-pool.ts";
import { jaegerComponent } from "./components/jaeger.ts";
import { notificationsComponent } from "./components/notifications.ts";
import { opensearchComponent, tuneRefresh } from "./components/opensearch.ts";
import { agentAuthOverlay, otlpAccess, otlpClientEnv, withOtlpAccess, type OtlpAccess } from "./otlp-access.ts";
import { prometheusComponent } from "./components/prometheus.ts";
import { writePrometheusConfig } from "./prometheus-config.ts";
import { writeEndpoints, type Endpoints } from "./endpoints.ts";
import { prepareBugsink, setupBugsink } from "./provision/bugsink.ts";
import { flagsFile, logDir, pidDir, projectRoot, stateDir, statePath } from "../config/paths.ts";
import { provisionAll, type Binaries } from "./provision.ts";
import { stackPseudonymKey } from "../telemetry/pseudonym-key.ts";
import { stopLeftovers } from "./leftovers.ts";
import { stopCommands } from "../lifecycle/spawn.ts";
import { STOP_TIER } from "../lifecycle/stop-order.ts";
import { sentryOtlpEnv, sentryOverlay } from "./sentry-otlp.ts";
import { applyStoreMapping } from "./store-mapping.ts";
import { startRetention } from "./retention/native.ts";
import { startSizeCap } from "./retention/size-cap.ts";
import { applyRollover } from "./retention/rollover.ts";
import { applyWatermarks } from "./retention/watermarks.ts";
import { diskMetricsComponent } from "./components/disk-metrics.ts";
import { diskEndpoint, logRotation } from "./disk-caps.ts";
import { StartAborted, Supervisor, type Running } from "./supervisor.ts";
import type { AlertingSetup, Component } from "./types.ts";
import { diskBudget } from "../config/disk-budget.ts";

export interface StackOptions {
  loadgen?: boolean;
  /** Extra environment for the three services (tests shorten export intervals). */
  serviceEnv?: Record<string, string>;
  /** Told when a part dies and when it is back (the supervisor restarts it). */
  onEvent?: (message: string) => void;
  /** Where alerts go: alertingSetup(env) of src/alerting (npm start hands it process.env's receivers);
   * default the committed alertmanager/alertmanager.yml, every receiver the local inbox. */
  alerting?: AlertingSetup;
  /** Another Prometheus config (tests: the same file beside a rules overlay); rendered with this stack's ports either way. */
  prometheusConfig?: string;
  /** Where Prometheus and Alertmanager keep their data; default the state dir (tests: a fresh directory, so
   * no alert state or notification log of an earlier run mutes a new notification). */
  alertingStateDir?: string;
  /** Gateways behind an agent (collector/agent.yaml); default STACK_GATEWAYS, 0: one collector. */
  gateways?: number;
  /** Aborting it stops what was started and abandons the rest: Ctrl-C during start-up. */
  signal?: AbortSignal;
}

export interface RunningStack {
  endpoints: Endpoints;
  running: Running[];
  /** To hold a part down and resume it (fault injection); restarts are its own business. */
  supervisor: Supervisor;
  stop(): Promise<void>;
}

function serviceComponent(spec: ServiceSpec, env: NodeJS.ProcessEnv): Component {
  const url = `http://127.0.0.1:${portOf(spec, env)}`;
  return {
    name: spec.name,
    stopTier: STOP_TIER.services,
    command: process.execPath,
    args: serviceArgs(spec),
    env: serviceEnv(spec, env) as Record<string, string>,
    healthUrl: `${url}/health`,
    url,
  };
}

/** The gateway, plus the Sentry OTLP overlay when SENTRY_OTLP_DSN asks for it. */
function collectorWithOptionalSentry(binary: string): Component {
  const dsn = process.env.SENTRY_OTLP_DSN;
  const component = collectorComponent({ binary, overlays: dsn ? [sentryOverlay] : [] });
  return dsn ? { ...component, env: { ...component.env, ...sentryOtlpEnv(dsn) } } : component;
}

export async function startStack({ signal, onEvent, ...options }: StackOptions = {}): Promise<RunningStack> {
  signal?.throwIfAborted();
  // Before anything starts: OTLP beyond loopback without a token is refused here.
  const access = otlpAccess();
  let supervisor: Supervisor | undefined;
  // Aborted: stop what is up (pending starts fail at once) and answer without waiting for the rest
  // (a provisioning build, a start timeout).
  const aborted = new Promise<never>((_, reject) =>
    signal?.addEventListener("abort", () => void Promise.all([supervisor?.stopAll(), stopCommands()]).then(() => reject(new StartAborted("the stack"))), {
      once: true,
    }),
  );
  aborted.catch(() => undefined);
  const start = async () => {
    await stopLeftovers(pidDir(), onEvent ?? console.log);
    const binaries = await provisionAll();
    signal?.throwIfAborted();
    supervisor = new Supervisor(logDir(), { onEvent, pidDir: pidDir(), logRotation: logRotation(diskBudget().caps.logs) });
    return startParts(supervisor, binaries, access, { ...options, onEvent });
  };
  return Promise.race([start(), aborted]);
}

async function startParts(
  supervisor: Supervisor,
  binaries: Binaries,
  access: OtlpAccess,
  {
    loadgen = false,
    serviceEnv: extraEnv = {},
    alerting = { inboxNeeded: true, writeConfig: () => committedAlertmanagerConfig },
    prometheusConfig,
    alertingStateDir,
    gateways = gatewayCount(),
    onEvent,
  }: StackOptions,
): Promise<RunningStack> {
  try {
    // Receivers first, so that no alert is sent into the void while the stack starts.
    const inbox = alerting.inboxNeeded ? await supervisor.start(notificationsComponent()) : undefined;
    const alertmanagerConfig = alerting.writeConfig(statePath("alertmanager-config"), inbox?.component.url);
    const bugsink = bugsinkComponent();
    await prepareBugsink();
    const backends = [
      prometheusComponent({
        binary: binaries.prometheus.prometheus,
        configFile: writePrometheusConfig(prometheusConfig),
        dataDir: alertingStateDir && join(alertingStateDir, "prometheus"),
      }),
      alertmanagerComponent({
        binary: binaries.prometheus.alertmanager,
        configFile: alertmanagerConfig,
        dataDir: alertingStateDir && join(alertingStateDir, "alertmanager"),
      }),
      opensearchComponent({ java: binaries.opensearch.java, jar: binaries.opensearch.jar }),
      bugsink,
      // What the StackDisk* alerts and the console's disk page read.
      diskMetricsComponent(),
    ];
    const [prometheus, alertmanager, opensearch, , diskMetrics] = await Promise.all(backends.map((component) => supervisor.start(component)));
    // The store's templates and pipelines before any index is made, Jaeger's included.
    const staleIndices = await applyStoreMapping(opensearch!.component.url);
    if (staleIndices.length)
      console.warn(
        `${staleIndices.join(", ")} predate the store's index template: attributes of clashing shapes may be refused there until the index is deleted (curl -XDELETE ${opensearch!.component.url}/${staleIndices[0]}).`,
      );
    // Jaeger stores its traces in OpenSearch: started once that is healthy, it finds the store at once
    // and puts its index templates there; then the indices behind its aliases (and ours) are made with
    // those mappings, before the collector, the first to send Jaeger a span, starts.
    const jaeger = await supervisor.start(jaegerComponent({ binary: binaries.jaeger, storeUrl: opensearch!.component.url }));
    const plainIndices = await applyRollover(opensearch!.component.url);
    if (plainIndices.length)
      console.warn(
        `${plainIndices.join(", ")} are plain indices from before: not rolled over, their oldest documents are deleted by query (slower to free space; delete them to start over).`,
      );
    const sentry = await setupBugsink();
    await tuneRefresh(opensearch!.component.url);
    // Drops what is older than LOG_RETENTION_DAYS (default 7), now and every hour; and the oldest
    // whenever the store outgrows its share of STACK_DISK_BUDGET, checked every 15 s.
    await applyWatermarks(opensearch!.component.url);
    const retention = startRetention(opensearch!.component.url);
    const sizeCap = startSizeCap(opensearch!.component.url);
    // STACK_GATEWAYS=N: an agent on the collector's ports in front of N tail-sampling gateways.
    const pool = await startGatewayPool(supervisor, binaries.collector, gateways, onEvent, (agent) =>
      withOtlpAccess(agent, access, { authOverlayFile: agentAuthOverlay }),
    );
    // In the pool only the agent takes OTLP from outside; the gateways behind it stay on loopback.
    const collectors = gateways ? pool.collectors : [await supervisor.start(withOtlpAccess(collectorWithOptionalSentry(binaries.collector), access))];
    const collector = collectors.at(-1)!;

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.component.url,
      ...otlpClientEnv(access),
      SENTRY_DSN: sentry.dsn,
      FLAGS_FILE: flagsFile(),
      PSEUDONYM_KEY: stackPseudonymKey(stateDir()),
      ...extraEnv,
    };
    const services = await Promise.all(Object.values(SERVICES).map((spec) => supervisor.start(serviceComponent(spec, env))));
    const [matchingApi, cvParser, jobParser] = services.map((service) => service.component.url) as [string, string, string];
    if (loadgen) {
      await supervisor.start({
        name: "loadgen",
        stopTier: STOP_TIER.clients,
        command: process.execPath,
        args: [join(projectRoot, "src", "loadgen", "index.ts")],
        env: { MATCHING_API_URL: matchingApi },
        url: matchingApi,
      });
    }
    const endpoints: Endpoints = {
      matchingApi,
      cvParser,
      jobParser,
      collector: collector.component.url,
      collectorGrpc: `127.0.0.1:${collector.component.env!.COLLECTOR_OTLP_GRPC_PORT}`,
      collectorTelemetry: `http://127.0.0.1:${collector.component.env!.COLLECTOR_TELEMETRY_PORT}`,
      ...(gateways
        ? {
            collectors: collectors.map(({ component }) => ({
              name: component.name,
              url: component.url,
              health: component.healthUrl!,
              metrics: `http://127.0.0.1:${component.env!.COLLECTOR_TELEMETRY_PORT}/metrics`,
            })),
          }
        : {}),
      jaeger: jaeger.component.url,
      prometheus: prometheus!.component.url,
      alertmanager: alertmanager!.component.url,
      elasticsearch: opensearch!.component.url,
      sentry,
      disk: diskEndpoint(diskMetrics!.component.url),
      ...(inbox ? { notifications: { url: inbox.component.url } } : {}),
    };
    const monitoringConsole = consoleComponent({ watched: supervisor.running.map(({ component }) => component) });
    endpoints.console = monitoringConsole.url;
    writeEndpoints(endpoints);
    // After the endpoints file: the console reads it.
    await supervisor.start(monitoringConsole);
    return { endpoints, running: supervisor.running, supervisor, stop: () => (retention.stop(), sizeCap.stop(), pool.stop(), supervisor.stopAll()) };
  } catch (error) {
    await supervisor.stopAll();
    throw error;
  }
}

export { stackMemoryMiB } from "./memory.ts";
