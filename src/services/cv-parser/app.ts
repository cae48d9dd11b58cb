// cv-parser: POST /v1/cvs/parse turns a CV (text/plain or {"text": ...}) into structure.
// Names and contacts go back to the caller only: the span and metrics get counts and language.
import { Router } from "express";
import { trace } from "@opentelemetry/api";
import { instruments } from "../../telemetry/index.ts";
import { HttpError } from "../shared/error-codes.ts";
import { createServiceApp } from "../shared/app.ts";
import { readDocument } from "../shared/body.ts";
import { extract, createExtractor } from "../shared/extraction/index.ts";
import { createFlags, type Flags } from "../shared/flags.ts";

/** The service's own routes, apart from the shared skeleton (the bench mounts them beside its GET /hello). */
export function cvParserRoutes(flags: Flags): Router {
  const extractor = createExtractor("cv-parsing");
  const routes = Router();
  routes.post("/v1/cvs/parse", async (request, response) => {
    const text = readDocument(request);
    const failureRate = await flags.number("cvParserFailureRate");
    if (failureRate > 0 && Math.random() < failureRate) {
      throw new HttpError("injected_failure", `cvParserFailureRate is ${failureRate}`);
    }
    const cv = await extract("cv", extractor, flags, () => extractor.extractCv(text));
    const attributes = { "app.document.kind": "cv", "app.document.language": cv.language };
    instruments().documentsParsed.add(1, attributes);
    instruments().documentSize.record(Buffer.byteLength(text), attributes);
    instruments().documentSkills.record(cv.skills.value.length, attributes);
    trace.getActiveSpan()?.setAttributes({
      "app.document.language": cv.language,
      "app.cv.skills.count": cv.skills.value.length,
      "app.cv.years_of_experience": cv.yearsOfExperience.value,
    });
    response.json(cv);
  });
  return routes;
}

export function createApp(flags: Flags = createFlags()) {
  return createServiceApp({ flags, routes: cvParserRoutes(flags) });
}
