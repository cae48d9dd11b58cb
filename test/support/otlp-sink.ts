// An OTLP/HTTP JSON receiver for tests that need no collector: it keeps what the services'
// real exporters send, decoded into flat spans and log records that assertions can read.
import { createServer, type Server } from "node:http";

type AnyValue = {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
  arrayValue?: { values?: AnyValue[] };
  kvlistValue?: { values?: KeyValue[] };
};
type KeyValue = { key: string; value?: AnyValue };

export interface SinkSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  status: number;
  statusMessage: string;
  resource: Record<string, unknown>;
  attributes: Record<string, unknown>;
  events: Array<{ name: string; attributes: Record<string, unknown> }>;
}

export interface SinkLog {
  service: string;
  traceId: string;
  spanId: string;
  body: unknown;
  severityText: string;
  resource: Record<string, unknown>;
  attributes: Record<string, unknown>;
}

export interface SinkPoint {
  service: string;
  metric: string;
  resource: Record<string, unknown>;
  attributes: Record<string, unknown>;
}

function valueOf(value: AnyValue | undefined): unknown {
  if (!value) return undefined;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(valueOf);
  if (value.kvlistValue) return attributesOf(value.kvlistValue.values);
  return undefined;
}

function attributesOf(list: KeyValue[] | undefined): Record<string, unknown> {
  return Object.fromEntries((list ?? []).map(({ key, value }) => [key, valueOf(value)]));
}

/** The JSON exporters send ids as hex strings already. */
const hex = (id: unknown) => (typeof id === "string" ? id : "");

export class OtlpSink {
  readonly spans: SinkSpan[] = [];
  readonly logs: SinkLog[] = [];
  readonly metricNames = new Set<string>();
  /** Every data point of a gauge or sum, with its metric's name. */
  readonly points: SinkPoint[] = [];
  /** Every request body as received, for assertions on what must never arrive. */
  readonly raw: string[] = [];
  /** Every request's path and headers (a Sentry OTLP endpoint is /api/<project>/integration/otlp/v1/traces/). */
  readonly requests: Array<{ path: string; headers: Record<string, string | string[] | undefined> }> = [];
  private server: Server | undefined;
  url = "";

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        try {
          const text = Buffer.concat(chunks).toString("utf8");
          this.raw.push(text);
          this.requests.push({ path: request.url ?? "", headers: request.headers });
          this.receive(request.url ?? "", JSON.parse(text));
          response.writeHead(200, { "content-type": "application/json" }).end("{}");
        } catch (error) {
          response.writeHead(400).end(String(error));
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private receive(url: string, payload: Record<string, unknown>): void {
    // The signal's path, after whatever prefix the endpoint has.
    const path = url.replace(/^.*(?=\/v1\/(traces|logs|metrics)\/?(\?|$))/, "");
    if (path.startsWith("/v1/traces")) {
      for (const resourceSpans of (payload.resourceSpans as any[]) ?? []) {
        const resource = attributesOf(resourceSpans.resource?.attributes);
        const service = String(resource["service.name"]);
        for (const scope of resourceSpans.scopeSpans ?? []) {
          for (const span of scope.spans ?? []) {
            this.spans.push({
              service,
              traceId: hex(span.traceId),
              spanId: hex(span.spanId),
              parentSpanId: hex(span.parentSpanId),
              name: span.name,
              kind: span.kind,
              status: span.status?.code ?? 0,
              statusMessage: span.status?.message ?? "",
              resource,
              attributes: attributesOf(span.attributes),
              events: (span.events ?? []).map((event: any) => ({ name: event.name, attributes: attributesOf(event.attributes) })),
            });
          }
        }
      }
    } else if (path.startsWith("/v1/logs")) {
      for (const resourceLogs of (payload.resourceLogs as any[]) ?? []) {
        const resource = attributesOf(resourceLogs.resource?.attributes);
        const service = String(resource["service.name"]);
        for (const scope of resourceLogs.scopeLogs ?? []) {
          for (const record of scope.logRecords ?? []) {
            this.logs.push({
              service,
              traceId: hex(record.traceId),
              spanId: hex(record.spanId),
              body: valueOf(record.body),
              severityText: record.severityText,
              resource,
              attributes: attributesOf(record.attributes),
            });
          }
        }
      }
    } else if (path.startsWith("/v1/metrics")) {
      for (const resourceMetrics of (payload.resourceMetrics as any[]) ?? []) {
        const resource = attributesOf(resourceMetrics.resource?.attributes);
        for (const scope of resourceMetrics.scopeMetrics ?? []) {
          for (const metric of scope.metrics ?? []) {
            this.metricNames.add(metric.name);
            for (const point of (metric.gauge ?? metric.sum)?.dataPoints ?? []) {
              this.points.push({ service: String(resource["service.name"]), metric: metric.name, resource, attributes: attributesOf(point.attributes) });
            }
          }
        }
      }
    }
  }
}
