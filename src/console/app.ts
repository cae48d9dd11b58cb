// The console's routes: five pages, their static assets (ours and uPlot's, from node_modules), a
// liveness URL; every failure becomes a page that says what went wrong, with the right status.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import express, { type NextFunction, type Request, type Response } from "express";
import { errorCodeEntry, HttpError, toHttpError } from "../http/index.ts";
import { allowedHostNames, withoutToken } from "../http/guard.ts";
import { requireHost, requireToken, securityHeaders } from "./auth.ts";
import type { ConsoleContext } from "./context.ts";
import { html, page } from "./html.ts";
import { diskPage } from "./pages/disk.ts";
import { logsPage } from "./pages/logs.ts";
import { metricsPage } from "./pages/metrics.ts";
import { overviewPage } from "./pages/overview.ts";
import { requestPage } from "./pages/request.ts";

const uplotDist = dirname(createRequire(import.meta.url).resolve("uplot"));
const assetsDir = join(import.meta.dirname, "assets");

type Render = (request: Request) => Promise<string>;

function route(render: Render) {
  return async (request: Request, response: Response, next: NextFunction) => {
    try {
      response.type("html").send(await render(request));
    } catch (error) {
      next(error);
    }
  };
}

export interface ConsoleAppOptions {
  context: ConsoleContext;
  token?: string;
  /** The address it listens on: its name is one the console answers for, beside loopback's. */
  host?: string;
  /** CONSOLE_ALLOWED_HOSTS: more host names (comma-separated) it answers for, e.g. the proxy's public name. */
  allowedHosts?: string;
}

export function createConsoleApp({ context, token, host = "127.0.0.1", allowedHosts = "" }: ConsoleAppOptions) {
  const app = express();
  app.disable("x-powered-by");
  // A TLS proxy on the same machine says so with X-Forwarded-Proto: https (the cookie is then Secure).
  app.set("trust proxy", "loopback");
  app.use(securityHeaders());
  app.use(requireHost(allowedHostNames(host, allowedHosts)));
  app.get("/health", (_request, response) => void response.json({ status: "OK" }));
  app.use(requireToken(token));
  app.get("/assets/uPlot.iife.min.js", (_request, response) => response.sendFile(join(uplotDist, "uPlot.iife.min.js")));
  app.get("/assets/uPlot.min.css", (_request, response) => response.sendFile(join(uplotDist, "uPlot.min.css")));
  app.use("/assets", express.static(assetsDir, { index: false, maxAge: "5m" }));

  app.get(
    "/",
    route(() => overviewPage(context)),
  );
  app.get(
    "/request",
    route((request) => requestPage(request.query, context)),
  );
  app.get(
    "/logs",
    route((request) => logsPage(request.query, context)),
  );
  app.get(
    "/metrics",
    route((request) => metricsPage(request.query, context)),
  );
  app.get(
    "/disk",
    route(() => diskPage(context)),
  );

  app.use((request, _response, next) => next(new HttpError("not_found", `There is no page at ${request.path}.`)));
  app.use((error: unknown, request: Request, response: Response, _next: NextFunction) => {
    const httpError = toHttpError(error);
    const title = httpError.status === 404 ? "Not found" : errorCodeEntry(httpError.code).title;
    // An internal error still names its cause: this page is for the people running the stack.
    const detail = httpError.code === "internal" && error instanceof Error ? error.message : httpError.message;
    if (httpError.code === "internal") console.error(`${request.method} ${withoutToken(request.originalUrl)}:`, error);
    const searched = typeof request.query.id === "string" ? request.query.id : "";
    response
      .status(httpError.status)
      .type("html")
      .send(
        page({
          title,
          current: request.path,
          searched,
          body: html`<p class="error" role="alert">${detail}</p>
            <p><a href="/">Back to the overview</a></p>`,
        }),
      );
  });
  return app;
}
