// cv-parser's app without any telemetry: the same express 5 skeleton (health probe, raw body up to
// BODY_LIMIT_BYTES, problem-details errors), the same body checks (body.ts), the same fault flags
// (flags.ts, OpenFeature) and the same rule-based extractor, plus the bench's GET /hello. Only
// modules that import nothing from the telemetry SDK are used (errors.ts and the services' error-codes.ts are plain data). The peer
// (bench/peer) runs this same app under the OpenTelemetry getting-started set-up.
import { setTimeout as sleep } from "node:timers/promises";
import express, { type NextFunction, type Request, type RequestHandler, type Response } from "express";
import { rawBody, readDocument } from "../../src/services/shared/body.ts";
import { createLocalExtractor } from "../../src/services/shared/extraction/local.ts";
import { createFlags } from "../../src/services/shared/flags.ts";
import { problemOf, toHttpError } from "../../src/http/errors.ts";
import { HttpError } from "../../src/services/shared/error-codes.ts";
import { hello, HELLO_PATH } from "../lib/hello.ts";

/** `first`: middleware mounted before everything else (the peer's access log). */
export function createBareApp(first: RequestHandler[] = []): express.Express {
  const flags = createFlags();
  const extractor = createLocalExtractor();
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", false);
  for (const middleware of first) app.use(middleware);
  app.get("/health", (_request, response) => void response.json({ status: "OK" }));
  app.get(HELLO_PATH, hello);
  app.use(rawBody());
  app.post("/v1/cvs/parse", async (request, response) => {
    const text = readDocument(request);
    const failureRate = await flags.number("cvParserFailureRate");
    if (failureRate > 0 && Math.random() < failureRate) throw new HttpError("injected_failure", `cvParserFailureRate is ${failureRate}`);
    const latencyMs = await flags.number("modelLatencyMs");
    if (latencyMs > 0) await sleep(latencyMs);
    response.json(await extractor.extractCv(text));
  });
  app.use((request: Request, _response: Response, next: NextFunction) => next(new HttpError("not_found", `No route for ${request.method} ${request.path}`)));
  app.use((error: unknown, _request: Request, response: Response, _next: NextFunction) => {
    const httpError = toHttpError(error);
    response
      .status(httpError.status)
      .type("application/problem+json")
      .send(JSON.stringify(problemOf(httpError)));
  });
  return app;
}

/** Listens on PORT (HOST) and stops on SIGTERM/SIGINT, after `beforeExit` (the peer flushes its SDK). */
export function serve(app: express.Express, beforeExit: () => Promise<void> = async () => {}): void {
  const server = app.listen(Number(process.env.PORT ?? 8091), process.env.HOST ?? "127.0.0.1");
  const stop = () => server.close(() => void beforeExit().finally(() => process.exit(0)));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
