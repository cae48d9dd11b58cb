// One OTLP/gRPC trace export over plain node:http2, for tests of the collector's gRPC receiver without a
// gRPC library: an empty ExportTraceServiceRequest (a valid protobuf of zero bytes) in one gRPC frame.
import { connect, type SecureClientSessionOptions } from "node:http2";

const EXPORT_TRACES = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";

/** Resolves with the call's grpc-status (0 OK, 14 Unavailable, 16 Unauthenticated) and its message. */
export function grpcExportTraces(
  authority: string,
  { headers = {}, tls }: { headers?: Record<string, string>; tls?: SecureClientSessionOptions } = {},
): Promise<{ status: number; message: string }> {
  return new Promise((resolve, reject) => {
    const session = connect(authority, tls);
    session.once("error", reject);
    const stream = session.request({ ":method": "POST", ":path": EXPORT_TRACES, "content-type": "application/grpc", te: "trailers", ...headers });
    let status: string | undefined;
    let message = "";
    // An error before any message comes as a trailers-only response: grpc-status in the headers.
    const read = (fields: Record<string, unknown>) => {
      if (fields["grpc-status"] !== undefined) status = String(fields["grpc-status"]);
      if (fields["grpc-message"] !== undefined) message = decodeURIComponent(String(fields["grpc-message"]));
    };
    stream.on("response", read);
    stream.on("trailers", read);
    stream.on("data", () => {});
    stream.once("error", reject);
    stream.once("close", () => {
      session.close();
      if (status === undefined) reject(new Error(`no grpc-status from ${authority}`));
      else resolve({ status: Number(status), message });
    });
    // Frame: not compressed (0), length 0, no message bytes.
    stream.end(Buffer.from([0, 0, 0, 0, 0]));
  });
}
