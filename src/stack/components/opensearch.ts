// OpenSearch (the Elasticsearch-API store) for the native stack: one node in one JVM, cluster "otel-gateway",
// HTTP on 127.0.0.1:${OPENSEARCH_PORT:-9200}, data and logs in .stack/opensearch. Heap from OPENSEARCH_JAVA_OPTS.
import { join } from "node:path";
import type { Component } from "../types.ts";
import { openSearchBuildPaths, openSearchJavaHome } from "../provision/opensearch.ts";
import { envPort } from "../../telemetry/env.ts";
import { stackDataDir } from "../provision/util.ts";

export interface OpenSearchOptions {
  /** From provisionOpenSearch(); default: where it builds them. */
  java?: string;
  jar?: string;
  port?: number;
  transportPort?: number;
  dataDir?: string;
  /** JVM flags; default OPENSEARCH_JAVA_OPTS or a modest heap. */
  javaOpts?: string;
}

export function opensearchComponent({
  java = join(openSearchJavaHome(), "bin", "java"),
  jar = openSearchBuildPaths().jar,
  port = envPort("OPENSEARCH_PORT", 9200),
  transportPort = envPort("OPENSEARCH_TRANSPORT_PORT", 9300),
  dataDir = stackDataDir("opensearch"),
  javaOpts = process.env.OPENSEARCH_JAVA_OPTS ?? "-Xms512m -Xmx1g",
}: OpenSearchOptions = {}): Component {
  const url = `http://127.0.0.1:${port}`;
  return {
    name: "opensearch",
    command: java,
    args: [...javaOpts.split(/\s+/).filter(Boolean), "-jar", jar, dataDir],
    env: { OPENSEARCH_PORT: String(port), OPENSEARCH_TRANSPORT_PORT: String(transportPort) },
    // 200 once the cluster is at least yellow; 408 while it is red.
    healthUrl: `${url}/_cluster/health?wait_for_status=yellow&timeout=1s`,
    url,
    // About 8 s to green on 2 cores when warm; a loaded CI machine may take several times that.
    startTimeoutMs: 120_000,
  };
}
