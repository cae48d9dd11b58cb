// cv-parser's app with the bench's trivial route mounted before the service's own.
import { Router } from "express";
import { cvParserRoutes } from "../../src/services/cv-parser/app.ts";
import { createServiceApp } from "../../src/services/shared/app.ts";
import { createFlags } from "../../src/services/shared/flags.ts";
import { hello, HELLO_PATH } from "../lib/hello.ts";

export function createApp() {
  const flags = createFlags();
  return createServiceApp({ flags, routes: Router().get(HELLO_PATH, hello).use(cvParserRoutes(flags)) });
}
