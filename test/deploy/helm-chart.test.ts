// The Helm chart, checked offline: helm lint, helm template for the default and the production values,
// and the rendered manifests against the Kubernetes schemas (kubeconform, strict). helm and kubeconform
// are built into the cache on first run (go.ts), the schemas come from PyPI's kubernetes-validate.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { parse, parseAllDocuments } from "yaml";
import { adminBinds, merge, resolveEnv, type Json } from "../support/collector-config.ts";
import { provisionHelm, provisionKubeconform, provisionKubernetesSchemas, schemaFileName, standaloneSchemas } from "../../src/stack/provision/kubernetes.ts";
import { projectRoot } from "../../src/config/paths.ts";
import { run } from "../../src/stack/provision/run.ts";

const chart = join(projectRoot, "deploy", "helm", "otel-gateway");
const valueSets = { default: [], production: ["-f", join(chart, "values-production.yaml")] } as const;

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
}

let helm: string;
let kubeconform: string;
let schemaDir: string;

before(async () => {
  [helm, kubeconform, schemaDir] = await Promise.all([provisionHelm(), provisionKubeconform(), provisionKubernetesSchemas()]);
});

const render = async (values: readonly string[]) => {
  const text = await run(helm, ["template", "og", chart, "--namespace", "observability", ...values], { quiet: true });
  // helm warns about the linked config files on stderr, which run() mixes in; manifests start at "---".
  const yamlText = text.slice(text.indexOf("---"));
  const manifests = parseAllDocuments(yamlText)
    .map((doc) => doc.toJS() as Manifest | null)
    .filter((m): m is Manifest => m !== null);
  return { yamlText, manifests };
};

const validate = async (yamlText: string, manifests: Manifest[]) => {
  const location = standaloneSchemas(
    schemaDir,
    manifests.map((m) => schemaFileName(m.apiVersion, m.kind)),
  );
  const file = join(mkdtempSync(join(tmpdir(), "otel-gateway-helm-")), "rendered.yaml");
  writeFileSync(file, yamlText);
  return run(kubeconform, ["-strict", "-summary", "-schema-location", location, file], { quiet: true });
};

for (const [name, values] of Object.entries(valueSets)) {
  describe(`deploy/helm/otel-gateway with the ${name} values`, () => {
    test("passes helm lint", async () => {
      const output = await run(helm, ["lint", "--strict", chart, ...values], { quiet: true });
      assert.match(output, /1 chart\(s\) linted, 0 chart\(s\) failed/);
    });

    test("renders manifests that kubeconform accepts against the Kubernetes schemas (strict)", async () => {
      const { yamlText, manifests } = await render(values);
      const summary = await validate(yamlText, manifests);
      assert.match(summary, new RegExp(`Valid: ${manifests.length}, Invalid: 0, Errors: 0, Skipped: 0`));
    });
  });
}

describe("the rendered topology", () => {
  test("has the gateway pool, its autoscaler, disruption budget and headless Service, the agent and the services", async () => {
    const { manifests } = await render([]);
    const kinds = manifests.map((m) => `${m.kind}/${m.metadata.name}`).sort();
    assert.deepEqual(kinds, [
      "ConfigMap/og-collector",
      "DaemonSet/og-agent",
      "Deployment/og-cv-parser",
      "Deployment/og-gateway",
      "Deployment/og-job-parser",
      "Deployment/og-matching-api",
      "HorizontalPodAutoscaler/og-gateway",
      "NetworkPolicy/og-agent",
      "NetworkPolicy/og-gateway",
      "PodDisruptionBudget/og-gateway",
      "Role/og-agent",
      "RoleBinding/og-agent",
      "Service/og-cv-parser",
      "Service/og-gateway",
      "Service/og-job-parser",
      "Service/og-matching-api",
      "ServiceAccount/og-agent",
    ]);
    const gatewayService = manifests.find((m) => m.kind === "Service" && m.metadata.name === "og-gateway");
    assert.equal(gatewayService?.spec?.clusterIP, "None", "the loadbalancing resolver needs every pod address");
    const agent = JSON.stringify(manifests.find((m) => m.kind === "DaemonSet"));
    assert.match(agent, /"name":"AGENT_GATEWAY_SERVICE","value":"og-gateway.observability"/);
  });

  test("carries the collector configs byte for byte from collector/", async () => {
    const { manifests } = await render([]);
    const config = manifests.find((m) => m.kind === "ConfigMap")!;
    for (const file of ["gateway.yaml", "gateway.tail-sampling.yaml", "gateway.k8s.yaml", "agent.yaml", "agent.k8s.yaml", "agent.auth.yaml"]) {
      assert.equal(config.data?.[file], readFileSync(join(projectRoot, "collector", file), "utf8"), file);
    }
  });

  test("takes Elasticsearch credentials from a Secret in production, and none by default", async () => {
    const gatewayEnv = async (values: readonly string[]) => {
      const gateway = (await render(values)).manifests.find((m) => m.kind === "Deployment" && m.metadata.name === "og-gateway");
      return JSON.stringify((gateway?.spec as { template: { spec: { containers: { env: unknown }[] } } }).template.spec.containers[0]!.env);
    };
    assert.match(
      await gatewayEnv(valueSets.production),
      /"name":"ELASTICSEARCH_PASSWORD","valueFrom":\{"secretKeyRef":\{"name":"otel-gateway-elasticsearch","key":"password"\}\}/,
    );
    assert.doesNotMatch(await gatewayEnv(valueSets.default), /ELASTICSEARCH_PASSWORD/);
  });

  test("gives the three services their pseudonym key from a Secret and NODE_ENV=production in production, and refuses production without the Secret", async () => {
    const servicesEnv = async (values: readonly string[]) =>
      (await render(values)).manifests
        .filter((m) => m.kind === "Deployment" && /^og-(matching-api|cv-parser|job-parser)$/.test(m.metadata.name))
        .map((m) => (m.spec as { template: { spec: { containers: { env: { name: string }[] }[] } } }).template.spec.containers[0]!.env);
    const production = await servicesEnv(valueSets.production);
    assert.equal(production.length, 3);
    for (const env of production) {
      assert.deepEqual(
        env.find(({ name }) => name === "PSEUDONYM_KEY"),
        { name: "PSEUDONYM_KEY", valueFrom: { secretKeyRef: { name: "otel-gateway-pseudonym", key: "key" } } },
      );
      assert.deepEqual(
        env.find(({ name }) => name === "NODE_ENV"),
        { name: "NODE_ENV", value: "production" },
      );
    }
    for (const env of await servicesEnv(valueSets.default)) {
      assert.equal(
        env.find(({ name }) => name === "PSEUDONYM_KEY"),
        undefined,
        "no Secret named: each pod makes up its own key",
      );
      assert.deepEqual(
        env.find(({ name }) => name === "NODE_ENV"),
        { name: "NODE_ENV", value: "development" },
      );
    }
    await assert.rejects(render([...valueSets.production, "--set", "services.pseudonymKey.existingSecret="]), /refuse to start without PSEUDONYM_KEY/);
  });

  test("kubeconform rejects a manifest with a field the schema does not have", async () => {
    const { yamlText, manifests } = await render([]);
    const broken = yamlText.replace("terminationGracePeriodSeconds: 30", "terminationGracePeriodSeconds: 30\n      terminationGraceSeconds: 30");
    assert.notEqual(broken, yamlText);
    await assert.rejects(validate(broken, manifests), /terminationGraceSeconds/);
  });

  // What each collector binds, as it will run: its --config files from the rendered ConfigMap, merged in
  // order (maps key by key, arrays replaced), ${env:X:-default} resolved with the container's env
  // (status.podIP stands for the pod's address). The kubelet probes health from the node, so health
  // binds the pod's address; the rest of the admin endpoints bind loopback (kubectl port-forward reaches them).
  for (const workload of ["og-gateway", "og-agent"]) {
    test(`${workload} binds no admin endpoint to 0.0.0.0: zpages, pprof, 8888 and 8889 (those it has) on loopback, health on the pod's address`, async () => {
      const { config, env } = await collectorAsRendered(workload);
      const binds = adminBinds(config);
      assert.ok(binds.length >= (workload === "og-gateway" ? 5 : 2), JSON.stringify(binds));
      for (const [what, endpoint] of binds) {
        assert.doesNotMatch(endpoint, /^(0\.0\.0\.0|\[::\]|::|):/, `${what} binds ${endpoint}`);
        assert.match(endpoint, what === "health_check" ? /^POD_IP:13133$/ : /^127\.0\.0\.1:\d+$/, `${what} binds ${endpoint}`);
      }
      assert.equal(env.COLLECTOR_HOST, "127.0.0.1");
    });
  }

  test("the agent, publishing host ports 4317/4318 on every node, asks for a bearer token on both, from a Secret the services send too", async () => {
    const { config, container } = await collectorAsRendered("og-agent");
    const otlp = (config.receivers as Json).otlp as { protocols: Record<string, { endpoint: string; auth?: { authenticator: string } }> };
    for (const protocol of ["grpc", "http"]) {
      assert.equal(otlp.protocols[protocol]!.auth?.authenticator, "bearertokenauth", protocol);
      assert.match(otlp.protocols[protocol]!.endpoint, /^POD_IP:431[78]$/, protocol);
    }
    assert.ok((container.ports ?? []).some((port) => port.hostPort === 4318));
    const token = container.env.find(({ name }) => name === "OTLP_BEARER_TOKEN");
    assert.deepEqual(token?.valueFrom, { secretKeyRef: { name: "otel-gateway-otlp", key: "token" } });
    const { manifests } = await render([]);
    const services = manifests.filter((m) => m.kind === "Deployment" && /^og-(matching-api|cv-parser|job-parser)$/.test(m.metadata.name));
    for (const service of services) {
      const serviceEnv = containerOf(service).env;
      assert.deepEqual(serviceEnv.find(({ name }) => name === "OTLP_BEARER_TOKEN")?.valueFrom, token?.valueFrom, service.metadata.name);
      assert.equal(
        serviceEnv.find(({ name }) => name === "OTEL_EXPORTER_OTLP_HEADERS")?.value,
        "Authorization=Bearer $(OTLP_BEARER_TOKEN)",
        service.metadata.name,
      );
    }
  });

  test("has NetworkPolicies that admit OTLP only (the agent's from the namespaces in values, the gateways' from the agents) and no admin port from anywhere", async () => {
    const { manifests } = await render(["--set", "networkPolicy.otlpFromNamespaces[0].kubernetes\\.io/metadata\\.name=apps"]);
    const policies = manifests.filter((m) => m.kind === "NetworkPolicy");
    assert.equal(policies.length, 2);
    for (const policy of policies) {
      const spec = policy.spec as { policyTypes: string[]; ingress: { from: Json[]; ports: { port: number }[] }[] };
      assert.deepEqual(spec.policyTypes, ["Ingress"]);
      const ports = spec.ingress.flatMap((rule) => rule.ports.map((port) => port.port)).sort();
      assert.deepEqual([...new Set(ports)], [4317, 4318], policy.metadata.name);
      for (const rule of spec.ingress) assert.ok(rule.from.length > 0, `${policy.metadata.name}: a rule without "from" admits everyone`);
    }
    const agentFrom = JSON.stringify((policies.find((m) => m.metadata.name === "og-agent")!.spec as { ingress: unknown }).ingress);
    assert.match(agentFrom, /"namespaceSelector":\{"matchLabels":\{"kubernetes.io\/metadata.name":"observability"\}\}/);
    assert.match(agentFrom, /"namespaceSelector":\{"matchLabels":\{"kubernetes.io\/metadata.name":"apps"\}\}/);
    const gatewayFrom = JSON.stringify((policies.find((m) => m.metadata.name === "og-gateway")!.spec as { ingress: unknown }).ingress);
    assert.match(gatewayFrom, /"podSelector":\{"matchLabels":\{"app.kubernetes.io\/instance":"og","app.kubernetes.io\/name":"agent"\}\}/);
  });
});

interface Container {
  args: string[];
  env: { name: string; value?: string; valueFrom?: { fieldRef?: { fieldPath: string }; secretKeyRef?: unknown } }[];
  ports?: { containerPort: number; hostPort?: number }[];
}

const containerOf = (manifest: Manifest) => (manifest.spec as { template: { spec: { containers: Container[] } } }).template.spec.containers[0]!;

async function collectorAsRendered(name: string) {
  const { manifests } = await render([]);
  const configMap = manifests.find((m) => m.kind === "ConfigMap")!;
  const container = containerOf(
    manifests.find(
      (m) =>
        (m.metadata.name === name && m.kind !== "Service" && m.kind !== "NetworkPolicy" && m.kind.endsWith("Set")) ||
        (m.metadata.name === name && m.kind === "Deployment"),
    )!,
  );
  const env: Record<string, string> = {};
  for (const item of container.env) {
    // $(VAR): Kubernetes expands an earlier variable of the same container.
    if (item.value !== undefined) env[item.name] = item.value.replace(/\$\(([A-Z0-9_]+)\)/g, (_, name: string) => env[name] ?? "");
    else if (item.valueFrom?.fieldRef?.fieldPath === "status.podIP") env[item.name] = "POD_IP";
    else env[item.name] = "from-a-secret";
  }
  const files = container.args.filter((_, i) => container.args[i - 1] === "--config").map((path) => path.split("/").pop()!);
  const config = resolveEnv(files.map((file) => parse(configMap.data![file]!)).reduce(merge, {}), env) as Json;
  return { config, env, container };
}
