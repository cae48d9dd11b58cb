// The peer's access log, as a user of winston writes it: JSON to stdout, one line per finished request.
// Loaded after the SDK started, so the winston instrumentation adds trace ids and the OTel transport.
import type { NextFunction, Request, Response } from "express";
import winston from "winston";

export function createAccessLog() {
  const logger = winston.createLogger({ level: "info", format: winston.format.json(), transports: [new winston.transports.Console()] });
  return (request: Request, response: Response, next: NextFunction): void => {
    const started = performance.now();
    response.once("finish", () => {
      logger.info("request completed", {
        "http.request.method": request.method,
        "http.route": request.route?.path ?? request.path,
        "http.response.status_code": response.statusCode,
        duration_ms: Math.round((performance.now() - started) * 10) / 10,
      });
    });
    next();
  };
}
