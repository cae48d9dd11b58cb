// matching-api: POST /v1/matches scores one CV against one job; POST /v1/matches:rank ranks many CVs.
// Both parsers are called concurrently, so one trace spans all three services.
import { Router } from "express";
import { trace } from "@opentelemetry/api";
import { rankCvs, scoreMatch } from "../../domain/index.ts";
import { envNumber } from "../../config/index.ts";
import { instruments } from "../../telemetry/index.ts";
import { HttpError } from "../shared/error-codes.ts";
import { createServiceApp } from "../shared/app.ts";
import { readJson, requireObject, requireText } from "../shared/body.ts";
import { createFlags, type Flags } from "../shared/flags.ts";
import { mapWithConcurrency } from "./concurrency.ts";
import { createParsersClient, type ParsersClient } from "./parsers-client.ts";
import { timed } from "./timed.ts";

export function createApp(flags: Flags = createFlags(), parsers: ParsersClient = createParsersClient()) {
  const maxRankCvs = envNumber("RANK_MAX_CVS", 100, { min: 1, integer: true });
  const routes = Router();

  routes.post("/v1/matches", async (request, response) => {
    const body = requireObject(readJson(request));
    const cvText = requireText(body.cv, "cv");
    const jobText = requireText(body.job, "job");
    const [cv, job] = await Promise.all([parsers.parseCv(cvText), parsers.parseJob(jobText)]);
    const result = timed("score_match", () => scoreMatch(cv, job));
    instruments().matchScore.record(result.score, { "app.operation": "score_match" });
    trace.getActiveSpan()?.setAttributes({ "app.match.score": result.score, "app.match.missing_skills.count": result.missingSkills.length });
    response.json(result);
  });

  // A literal colon must be escaped in an Express 5 path.
  routes.post("/v1/matches\\:rank", async (request, response) => {
    const body = requireObject(readJson(request));
    const jobText = requireText(body.job, "job");
    if (!Array.isArray(body.cvs) || body.cvs.length === 0) throw new HttpError("invalid_request", "cvs must be a non-empty array of strings");
    if (body.cvs.length > maxRankCvs) throw new HttpError("invalid_request", `cvs holds at most ${maxRankCvs} documents`);
    const cvTexts = body.cvs.map((cv, index) => requireText(cv, `cvs[${index}]`));
    const [job, cvs] = await Promise.all([parsers.parseJob(jobText), mapWithConcurrency(cvTexts, 8, (text, index) => parsers.parseCv(text, `cvs[${index}]`))]);
    const ranking = timed("rank_cvs", () => rankCvs(job, cvs));
    for (const { result } of ranking) instruments().matchScore.record(result.score, { "app.operation": "rank_cvs" });
    trace.getActiveSpan()?.setAttribute("app.rank.cvs.count", cvs.length);
    response.json({ ranking: ranking.map(({ index, result }) => ({ index, ...result })) });
  });

  return createServiceApp({ flags, routes, readinessChecks: parsers.readinessChecks });
}
