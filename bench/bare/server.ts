// The true bare baseline: cv-parser's HTTP surface on express 5 (raw body up to 1 MiB, the UTF-8
// and binary checks, GET /health, POST /v1/cvs/parse with the same domain parser, JSON problems)
// without any telemetry import: no OTel SDK, no instrumentation, no winston. PORT picks the port.
import express, { type NextFunction, type Request, type Response } from "express";
import { parseCv } from "../../src/domain/index.ts";

class Problem extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const BINARY = /[\u0000-\u0008\u000B\u000E-\u001F]/;

function documentOf(request: Request): string {
  const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  if (bytes.length === 0 || bytes.includes(0)) throw new Problem(400, "Send the document as text");
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new Problem(400, "The body has bytes that are not UTF-8");
  }
  if (BINARY.test(text)) throw new Problem(415, "The body looks binary");
  const type = (request.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/json") return String((JSON.parse(text) as { text?: unknown }).text ?? "");
  return text.replace(/^\uFEFF/, "");
}

const app = express();
app.disable("x-powered-by");
app.get("/health", (_request, response) => void response.json({ status: "OK" }));
app.use(express.raw({ type: () => true, limit: 1024 * 1024 }));
app.post("/v1/cvs/parse", async (request, response) => {
  const text = documentOf(request);
  response.json(await parseCv(text));
});
app.use((request: Request, _response: Response, next: NextFunction) => next(new Problem(404, `No route for ${request.method} ${request.path}`)));
app.use((error: unknown, _request: Request, response: Response, _next: NextFunction) => {
  const status = error instanceof Problem ? error.status : 500;
  response.status(status).type("application/problem+json").send(JSON.stringify({ status, detail: error instanceof Error ? error.message : "error" }));
});

const server = app.listen(Number(process.env.PORT ?? 8091), process.env.HOST ?? "127.0.0.1");
const stop = () => server.close(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
