// The true bare baseline: cv-parser's app (bench/bare/app.ts) with no telemetry import at all: no
// OTel SDK, no instrumentation, no winston, no request-context middleware. PORT picks the port.
import { createBareApp, serve } from "./app.ts";

serve(createBareApp());
