// The Helm chart, checked offline: helm lint, helm template for the default and the production values,
// and the rendered manifests against the Kubernetes schemas (kubeconform, strict). helm and kubeconform
// are built into the cache on first run (go.ts), the schemas come from PyPI's kubernetes-validate.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { parseAllDocuments } from "yaml";
import { provisionHelm, provisionKubeconform, provisionKubernetesSchemas, schemaFileName, standaloneSchemas } from "../../src/stack/provision/kubernetes.ts";
import { projectRoot, run } from "../../src/stack/provision/util.ts";

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
    for (const file of ["gateway.yaml", "gateway.tail-sampling.yaml", "agent.yaml", "agent.k8s.yaml"]) {
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
});
