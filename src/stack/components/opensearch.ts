// OpenSearch (the Elasticsearch-API store) for the native stack: one node in one JVM, cluster "otel-gateway",
// HTTP on 127.0.0.1:${OPENSEARCH_PORT:-9200}, data and logs in <state>/opensearch. Heap from OPENSEARCH_JAVA_OPTS.
import { join } from "node:path";
import { clusterHealthUrl, putIndexSettings } from "../../backends/elasticsearch-admin.ts";
import type { Component } from "../types.ts";
import { openSearchBuildPaths, openSearchJavaHome } from "../provision/opensearch.ts";
import { portOf } from "../ports.ts";
import { statePath } from "../../config/paths.ts";

export interface OpenSearchOptions {
  /** From provisionOpenSearch(); default: where it builds them. */
  java?: string;
  jar?: string;
  port?: number;
  transportPort?: number;
  dataDir?: string;
  /**
   * JVM flags; default OPENSEARCH_JAVA_OPTS or a fixed 1 GiB heap, as compose gives Elasticsearch.
   * Touched at start: a heap that grew from 512 MiB made OpenSearch's RSS climb 11 % over a soak hour.
   */
  javaOpts?: string;
}

export function opensearchComponent({
  java = join(openSearchJavaHome(), "bin", "java"),
  jar = openSearchBuildPaths().jar,
  port = portOf("OPENSEARCH_PORT"),
  transportPort = portOf("OPENSEARCH_TRANSPORT_PORT"),
  dataDir = statePath("opensearch"),
  javaOpts = process.env.OPENSEARCH_JAVA_OPTS ?? "-Xms1g -Xmx1g -XX:+AlwaysPreTouch",
}: OpenSearchOptions = {}): Component {
  const url = `http://127.0.0.1:${port}`;
  return {
    name: "opensearch",
    command: java,
    args: [...javaOpts.split(/\s+/).filter(Boolean), "-jar", jar, dataDir],
    env: { OPENSEARCH_PORT: String(port), OPENSEARCH_TRANSPORT_PORT: String(transportPort) },
    healthUrl: clusterHealthUrl(url),
    url,
    // About 8 s to green on 2 cores when warm; a loaded CI machine may take several times that.
    startTimeoutMs: 120_000,
  };
}

/** How soon a written log record or span becomes searchable (OpenSearch's default is 1 s). */
export const REFRESH_INTERVAL = "500ms";

/**
 * Log records and spans searchable within half a second of arriving, for the freshness goal
 * (request → its logs searchable in ≤ 2 s, docs/performance.md): the store's index template
 * (src/stack/store-mapping.ts) sets it on the indices the collector creates; this sets it on those
 * already in the data directory.
 */
export async function tuneRefresh(url: string, indices = ["otel-logs", "otel-traces"]): Promise<void> {
  // An index that does not exist yet is no error: the template covers it.
  await Promise.all(indices.map((index) => putIndexSettings(url, index, { "index.refresh_interval": REFRESH_INTERVAL }, { ignoreMissing: true })));
}
