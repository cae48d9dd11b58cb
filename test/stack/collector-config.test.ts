// The collector distribution and its configs: the manifest pins one release, and the real
// binary (provisioned on first run, cached after) accepts the gateway config and its overlays.
// Jaeger (a collector distribution too) checks its configs the same way, when it is built.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { parse } from "yaml";
import { remoteWriteUrl } from "../../src/backends/index.ts";
import { BEHIND_RELEASE, builderConfig, builtCollector, builtJaeger, COLLECTOR_RELEASE, provisionCollector } from "../../src/stack/provision/go.ts";
import { run } from "../../src/stack/provision/run.ts";
import { projectRoot } from "../../src/config/paths.ts";
import { agentAuthOverlay, authOverlay, tlsOverlay } from "../../src/stack/otlp-access.ts";
import { sentryOtlpEnv, sentryOverlay } from "../../src/stack/sentry-otlp.ts";
import { gatewayPool } from "../../src/stack/components/gateway-pool.ts";
import { ringOverlay } from "../../src/stack/components/gateway-ring.ts";
import { adminBinds, resolveEnv, type Json } from "../support/collector-config.ts";

const gateway = join(projectRoot, "collector", "gateway.yaml");
const debugOverlay = join(projectRoot, "collector", "gateway.debug.yaml");
const tailSampling = join(projectRoot, "collector", "gateway.tail-sampling.yaml");
const agent = join(projectRoot, "collector", "agent.yaml");
const agentK8s = join(projectRoot, "collector", "agent.k8s.yaml");
const gatewayK8s = join(projectRoot, "collector", "gateway.k8s.yaml");

/** The k8s resolver builds its client at validation; this kubeconfig names a server never contacted. */
function throwawayKubeconfig(): string {
  const file = join(mkdtempSync(join(tmpdir(), "otel-gateway-kubeconfig-")), "config");
  writeFileSync(
    file,
    [
      "apiVersion: v1",
      "kind: Config",
      "clusters: [{name: none, cluster: {server: 'https://127.0.0.1:1'}}]",
      "users: [{name: none, user: {token: none}}]",
      "contexts: [{name: none, context: {cluster: none, user: none}}]",
      "current-context: none",
    ].join("\n"),
  );
  return file;
}

describe("collector/builder-config.yaml", () => {
  const manifest = readFileSync(builderConfig, "utf8");
  const modules = [...manifest.matchAll(/^\s*- gomod: (\S+) (v\S+)$/gm)].map(([, path, version]) => ({ path, version }));

  test("opens with dist:", () => {
    const firstKey = manifest.split("\n").find((line) => /^[a-z_]+:/.test(line));
    assert.equal(firstKey, "dist:");
  });

  test("pins every 0.x component to the one collector release, but for the modules the proxy lacks at it", () => {
    const unstable = modules.filter(({ version }) => version?.startsWith("v0."));
    assert.ok(unstable.length > 20, `expected the full component list, found ${unstable.length}`);
    for (const { path, version } of unstable) assert.equal(version, BEHIND_RELEASE[path!] ?? COLLECTOR_RELEASE, path);
  });

  test("each module allowed behind the release is in the manifest and older than the release", () => {
    const minor = (version: string) => Number(version.split(".")[1]);
    for (const [path, version] of Object.entries(BEHIND_RELEASE)) {
      assert.ok(
        modules.some((module) => module.path === path),
        `${path} left the manifest: drop it from BEHIND_RELEASE`,
      );
      assert.ok(minor(version) < minor(COLLECTOR_RELEASE), `${path} ${version} is not behind ${COLLECTOR_RELEASE}: drop it from BEHIND_RELEASE`);
    }
  });

  test("pins the stable (1.x) modules to a single version too", () => {
    const stable = new Set(modules.filter(({ version }) => version?.startsWith("v1.")).map(({ version }) => version));
    assert.equal(stable.size, 1, `stable versions: ${[...stable].join(", ")}`);
  });
});

describe("the per-service limits", () => {
  const processors = (file: string) => (parse(readFileSync(file, "utf8")) as { processors: Record<string, unknown> }).processors;
  const pipelines = (file: string) =>
    (parse(readFileSync(file, "utf8")) as { service: { pipelines: Record<string, { processors?: string[] }> } }).service.pipelines;

  test("the agent's limits are the gateway's, block for block", () => {
    for (const id of ["limits", "transform/limits"]) assert.deepEqual(processors(agent)[id], processors(gateway)[id], id);
  });

  test("every intake pipeline of the gateway and the agent limits right after memory_limiter", () => {
    for (const file of [gateway, agent]) {
      for (const [name, pipeline] of Object.entries(pipelines(file)).filter(([name]) => !name.includes("/"))) {
        const [first, ...rest] = pipeline.processors ?? [];
        assert.equal(first, "memory_limiter", `${file} ${name}`);
        const expected = name === "logs" ? ["transform/limits"] : ["limits", "transform/limits"];
        assert.deepEqual(rest.slice(0, expected.length), expected, `${file} ${name}`);
      }
    }
  });
});

describe("otelcol-gateway validate", () => {
  let binary: string | undefined;
  const skipStack = process.env.OTEL_GATEWAY_SKIP_STACK === "1";

  before(async () => {
    binary = builtCollector() ?? (skipStack ? undefined : await provisionCollector());
  });

  const validate = async (t: { skip: (reason: string) => void }, configs: string[], env: Record<string, string> = {}) => {
    if (!binary) {
      t.skip("OTEL_GATEWAY_SKIP_STACK=1 and no collector built yet (src/stack/provision/go.ts builds it)");
      return;
    }
    const args = ["validate", ...configs.flatMap((file) => ["--config", file])];
    await run(binary, args, { env, quiet: true });
  };

  test("accepts gateway.yaml with the loopback defaults", async (t) => {
    await validate(t, [gateway]);
  });

  test("accepts gateway.yaml with every endpoint moved by env", async (t) => {
    await validate(t, [gateway], {
      COLLECTOR_HOST: "0.0.0.0",
      COLLECTOR_OTLP_GRPC_PORT: "24317",
      COLLECTOR_TELEMETRY_PORT: "28888",
      JAEGER_OTLP_ENDPOINT: "jaeger:4317",
      PROMETHEUS_REMOTE_WRITE_URL: remoteWriteUrl("http://prometheus:9090"),
      ELASTICSEARCH_ENDPOINT: "http://elasticsearch:9200",
    });
  });

  test("accepts gateway.yaml with the debug overlay stacked on it", async (t) => {
    await validate(t, [gateway, debugOverlay]);
  });

  test("accepts the Sentry OTLP overlay with the variables a DSN gives", async (t) => {
    await validate(t, [gateway, sentryOverlay], sentryOtlpEnv("https://publickey@o42.ingest.sentry.io/4507"));
  });

  test("accepts the tail-sampling overlay on gateway.yaml, defaults and every knob moved by env", async (t) => {
    await validate(t, [gateway, tailSampling]);
    await validate(t, [gateway, tailSampling], {
      TAIL_SAMPLING_PERCENT: "25",
      TAIL_SAMPLING_LATENCY_MS: "250",
      TAIL_SAMPLING_DECISION_WAIT: "2s",
      COLLECTOR_INSTANCE: "gateway-1",
    });
  });

  test("accepts agent.yaml with its default gateway and with a list of them", async (t) => {
    await validate(t, [agent]);
    await validate(t, [agent], { AGENT_GATEWAYS: "[127.0.0.1:14417, 127.0.0.1:14427, 127.0.0.1:14437]" });
  });

  test("accepts agent.yaml with the list of live gateways that npm start writes over it", async (t) => {
    const ring = join(mkdtempSync(join(tmpdir(), "otel-gateway-ring-")), "agent-gateways.yaml");
    writeFileSync(ring, ringOverlay(gatewayPool("otelcol-gateway", 3).slice(0, 2)));
    await validate(t, [agent, ring]);
  });

  test("accepts agent.yaml with the Kubernetes resolver overlay (the static list removed) and the auth overlay, as the chart stacks them", async (t) => {
    const env = { AGENT_GATEWAY_SERVICE: "og-gateway.observability", KUBECONFIG: throwawayKubeconfig(), MY_POD_IP: "10.1.2.3" };
    await validate(t, [agent, agentK8s], env);
    await validate(t, [agent, agentK8s, agentAuthOverlay], {
      ...env,
      COLLECTOR_HOST: "127.0.0.1",
      COLLECTOR_OTLP_HOST: "10.1.2.3",
      OTLP_BEARER_TOKEN: "validate-only-token-0123",
    });
  });

  test("accepts the gateway as the chart stacks it: tail sampling, then OTLP and health on the pod's address", async (t) => {
    await validate(t, [gateway, tailSampling, gatewayK8s], { COLLECTOR_HOST: "127.0.0.1", MY_POD_IP: "10.1.2.3", COLLECTOR_INSTANCE: "og-gateway-0" });
  });

  test("accepts the access overlays: bearer token, then TLS, on the gateway and on the agent", async (t) => {
    const env = {
      OTLP_BEARER_TOKEN: "validate-only-token-0123",
      COLLECTOR_TLS_CERT_FILE: "/etc/otelcol/cert.pem",
      COLLECTOR_TLS_KEY_FILE: "/etc/otelcol/key.pem",
    };
    await validate(t, [gateway, authOverlay], env);
    await validate(t, [gateway, authOverlay, tlsOverlay, sentryOverlay], { ...env, ...sentryOtlpEnv("https://publickey@o42.ingest.sentry.io/4507") });
    await validate(t, [agent, agentAuthOverlay, tlsOverlay], { ...env, COLLECTOR_OTLP_HOST: "10.0.0.5" });
  });

  test("rejects a config that names a component the distribution lacks", async (t) => {
    const broken = `yaml:exporters::nosuchexporter: {}`;
    if (!binary) return validate(t, []);
    await assert.rejects(validate(t, [gateway, broken]), /nosuchexporter/);
  });
});

describe("jaeger validate", () => {
  // Jaeger is not built here just for this (a cold build takes minutes); the stack runner builds it.
  const binary = builtJaeger();
  const reason = "Jaeger not built yet (provisionJaeger() in src/stack/provision/go.ts builds it)";

  for (const name of ["config.yaml", "config-elasticsearch.yaml"]) {
    test(`accepts jaeger/${name}`, { skip: binary ? false : reason }, async () => {
      await run(binary!, ["validate", "--config", join(projectRoot, "jaeger", name)], { quiet: true });
    });
  }
});

// docker compose and the image set COLLECTOR_HOST=0.0.0.0 so that other containers reach OTLP and
// the metrics; the debugging endpoints must not follow it onto the network.
describe("the gateway's debugging endpoints", () => {
  test("stay on loopback when COLLECTOR_HOST is 0.0.0.0 (compose, the image), and move only with COLLECTOR_DEBUG_HOST", () => {
    const binds = (env: Record<string, string>) =>
      Object.fromEntries(adminBinds(resolveEnv(parse(readFileSync(gateway, "utf8")), env) as Json).filter(([what]) => what === "zpages" || what === "pprof"));
    assert.deepEqual(binds({ COLLECTOR_HOST: "0.0.0.0" }), { zpages: "127.0.0.1:15679", pprof: "127.0.0.1:1777" });
    assert.deepEqual(binds({ COLLECTOR_HOST: "0.0.0.0", COLLECTOR_DEBUG_HOST: "10.0.0.5" }), { zpages: "10.0.0.5:15679", pprof: "10.0.0.5:1777" });
  });
});
