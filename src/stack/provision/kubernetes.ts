// The tools that check the Helm chart offline: helm and kubeconform (Go, built once into the cache like
// the collector) and the Kubernetes JSON schemas that the PyPI package kubernetes-validate ships (a venv
// in the cache, like Bugsink's). HELM_BIN and KUBECONFORM_BIN point at binaries of your own instead.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cached, goEnv, override } from "./go.ts";
import { cacheDir } from "../../config/paths.ts";
import { buildOnce } from "./once.ts";
import { run } from "./run.ts";

/** `go install` accepts both at these versions (no replace directives in their go.mod). */
export const HELM_VERSION = "v3.22.0";
export const KUBECONFORM_VERSION = "v0.8.0";
/** The PyPI package, and the Kubernetes release whose schemas the chart is checked against. */
export const KUBERNETES_VALIDATE_VERSION = "1.37.0";
export const KUBERNETES_VERSION = "v1.37.0";

async function goInstall(name: string, pkg: string, version: string): Promise<string> {
  const bin = cacheDir("bin");
  return cached(name, join(bin, name), version, async () => {
    await run("go", ["install", "-trimpath", "-ldflags=-s -w", `${pkg}@${version}`], { env: { ...goEnv(), GOBIN: bin } });
  });
}

/** helm 3: a large build (about 2.5 minutes on two shared cores from a cold module cache). */
export async function provisionHelm(): Promise<string> {
  return override("HELM_BIN") ?? goInstall("helm", "helm.sh/helm/v3/cmd/helm", HELM_VERSION);
}

export async function provisionKubeconform(): Promise<string> {
  return override("KUBECONFORM_BIN") ?? goInstall("kubeconform", "github.com/yannh/kubeconform/cmd/kubeconform", KUBECONFORM_VERSION);
}

/** The package's schema directory for KUBERNETES_VERSION (strict: no properties outside the schema). */
export async function provisionKubernetesSchemas(): Promise<string> {
  const venv = cacheDir("kubernetes-validate-venv");
  const stamp = join(venv, ".otel-gateway-kubernetes-validate");
  const ready = () => existsSync(stamp) && readFileSync(stamp, "utf8").trim() === KUBERNETES_VALIDATE_VERSION;
  await buildOnce("kubernetes-validate", `venv + pip install kubernetes-validate==${KUBERNETES_VALIDATE_VERSION}`, ready, async () => {
    await run(process.env.KUBERNETES_VALIDATE_PYTHON ?? "python3", ["-m", "venv", "--clear", venv], { quiet: true });
    const pip = join(venv, "bin", "pip");
    await run(pip, ["install", "-q", "--disable-pip-version-check", `kubernetes-validate==${KUBERNETES_VALIDATE_VERSION}`], { quiet: true });
    writeFileSync(stamp, `${KUBERNETES_VALIDATE_VERSION}\n`);
  });
  const lib = join(venv, "lib");
  const python = readdirSync(lib).find((name) => name.startsWith("python"));
  const dir = python && join(lib, python, "site-packages", "kubernetes_validate", "kubernetes-json-schema", `${KUBERNETES_VERSION}-local-strict`);
  if (!dir || !existsSync(dir))
    throw new Error(`kubernetes-validate ${KUBERNETES_VALIDATE_VERSION} has no ${KUBERNETES_VERSION}-local-strict schemas in ${venv}`);
  return dir;
}

/** kubeconform's name for a kind's schema file: deployment-apps-v1.json, service-v1.json, role-rbac-v1.json. */
export function schemaFileName(apiVersion: string, kind: string): string {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  return `${kind.toLowerCase()}${group ? `-${group.split(".")[0]}` : ""}-${version}.json`;
}

/**
 * kubeconform cannot follow the package's shared references ("/api/_definitions.json#/$defs/…"), so
 * each schema it needs is written standalone: the definitions copied in, the references made local.
 * Returns kubeconform's -schema-location template for the directory they are written to.
 */
export function standaloneSchemas(sourceDir: string, files: string[]): string {
  const target = cacheDir("kubernetes-schemas", KUBERNETES_VERSION);
  const local = (text: string) => text.replaceAll('"/api/_definitions.json#/$defs/', '"#/$defs/');
  const definitions = JSON.parse(local(readFileSync(join(sourceDir, "_definitions.json"), "utf8"))).$defs as unknown;
  mkdirSync(target, { recursive: true });
  for (const file of new Set(files)) {
    if (existsSync(join(target, file))) continue;
    const source = join(sourceDir, file);
    if (!existsSync(source)) throw new Error(`no schema ${file} in ${sourceDir}`);
    const schema = JSON.parse(local(readFileSync(source, "utf8"))) as Record<string, unknown>;
    writeFileSync(join(target, file), JSON.stringify({ ...schema, $defs: definitions }));
  }
  return `${target}/{{ .ResourceKind }}{{ .KindSuffix }}.json`;
}
