// A null OTLP/HTTP endpoint for the instrumented service: it answers every export with 200 and
// keeps counts, so the service pays the whole cost of exporting and nothing waits on a backend.
import { createServer } from "node:http";

export interface NullSink {
  url: string;
  requests: number;
  bytes: number;
  close(): Promise<void>;
}

export async function startNullSink(): Promise<NullSink> {
  const sink = { url: "", requests: 0, bytes: 0, close: async () => {} };
  const server = createServer((request, response) => {
    request.on("data", (chunk: Buffer) => (sink.bytes += chunk.length));
    request.on("end", () => {
      sink.requests++;
      // An empty body is an empty ExportServiceResponse in protobuf; "{}" one in JSON.
      const type = request.headers["content-type"] ?? "application/json";
      response.writeHead(200, { "content-type": type }).end(type.includes("protobuf") ? "" : "{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  sink.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  sink.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return sink;
}
