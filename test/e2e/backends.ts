// Small readers of the real backends' query APIs, for the end-to-end tests.
import type { Endpoints } from "../../src/stack/endpoints.ts";

export async function jaegerTrace(endpoints: Endpoints, traceId: string): Promise<any | undefined> {
  const response = await fetch(`${endpoints.jaeger}/api/traces/${traceId}`);
  if (!response.ok) return undefined;
  return ((await response.json()) as any).data?.[0];
}

export function servicesOf(jaegerTrace: any): Set<string> {
  return new Set(jaegerTrace.spans.map((span: any) => jaegerTrace.processes[span.processID].serviceName));
}

export async function searchIndex(endpoints: Endpoints, index: string, query: object): Promise<any[]> {
  await fetch(`${endpoints.elasticsearch}/${index}/_refresh`, { method: "POST" }).catch(() => undefined);
  const response = await fetch(`${endpoints.elasticsearch}/${index}/_search?ignore_unavailable=true`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ size: 200, query }),
  });
  if (!response.ok) return [];
  return ((await response.json()) as any).hits.hits.map((hit: any) => hit._source);
}

export async function promQuery(endpoints: Endpoints, query: string): Promise<any[]> {
  const response = await fetch(`${endpoints.prometheus}/api/v1/query?query=${encodeURIComponent(query)}`);
  return ((await response.json()) as any).data?.result ?? [];
}
