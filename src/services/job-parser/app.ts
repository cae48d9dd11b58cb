// job-parser: POST /v1/jobs/parse turns a job posting into title, seniority, skills and terms.
import { Router } from "express";
import { trace } from "@opentelemetry/api";
import { instruments } from "../../telemetry/index.ts";
import { HttpError } from "../shared/error-codes.ts";
import { createServiceApp } from "../shared/app.ts";
import { readDocument } from "../shared/body.ts";
import { extract, createExtractor } from "../shared/extraction/index.ts";
import { createFlags, type Flags } from "../shared/flags.ts";

export function createApp(flags: Flags = createFlags()) {
  const extractor = createExtractor("job-parsing");
  const available = async () => {
    if (await flags.boolean("jobParserUnavailable")) throw new HttpError("unavailable", "jobParserUnavailable is on");
  };
  const routes = Router();
  routes.post("/v1/jobs/parse", async (request, response) => {
    await available();
    const text = readDocument(request);
    const job = await extract("job", extractor, flags, () => extractor.extractJob(text));
    const attributes = { "app.document.kind": "job", "app.document.language": job.language };
    instruments().documentsParsed.add(1, attributes);
    instruments().documentSize.record(Buffer.byteLength(text), attributes);
    instruments().documentSkills.record(job.requiredSkills.value.length + job.niceToHaveSkills.value.length, attributes);
    trace.getActiveSpan()?.setAttributes({
      "app.document.language": job.language,
      "app.job.seniority": job.seniority.value,
      "app.job.required_skills.count": job.requiredSkills.value.length,
    });
    response.json(job);
  });
  return createServiceApp({ flags, routes, readinessChecks: { flags: available } });
}
