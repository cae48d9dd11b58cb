// The optional LLM extractor against a small OpenAI-compatible server started here: skills come
// from the model (normalised by the taxonomy), token usage and cost land in the gen_ai metrics.
import assert from "node:assert/strict";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { startServices, type RunningServices } from "../support/services.ts";
import { startModelServer, type SeenRequest } from "../support/model-server.ts";
import { CV_TEXT, JOB_TEXT } from "./samples.ts";

describe("the OpenAI-compatible extractor", () => {
  const seen: SeenRequest[] = [];
  let model: Server;
  let stack: RunningServices;

  before(async () => {
    model = await startModelServer({ seen });
    stack = await startServices({
      OPENAI_BASE_URL: `http://127.0.0.1:${(model.address() as AddressInfo).port}/v1`,
      OPENAI_API_KEY: "sk-test-not-a-real-key",
      OPENAI_MODEL: "gpt-4o-mini",
      OTEL_TRACES_EXPORTER: "none",
      OTEL_METRICS_EXPORTER: "none",
      OTEL_LOGS_EXPORTER: "none",
    });
  });
  after(async () => {
    await stack?.stop();
    model?.close();
  });

  it("takes the model's skills, in canonical names, and keeps the rules parser's other fields", async () => {
    const response = await fetch(`${stack.services["cv-parser"].url}/v1/cvs/parse`, { method: "POST", headers: { "content-type": "text/plain" }, body: CV_TEXT });
    const cv = (await response.json()) as any;
    assert.equal(response.status, 200);
    for (const skill of ["Rust", "Elixir", "Node.js"]) assert.ok(cv.skills.value.includes(skill), `${skill} in ${cv.skills.value}`);
    assert.ok(cv.roles.value.length >= 2, "roles still come from the rules parser");
    assert.equal(seen.at(-1)?.authorization, "Bearer sk-test-not-a-real-key");
    assert.equal(seen.at(-1)?.model, "gpt-4o-mini");
  });

  it("splits a job's skills into required and nice-to-have, dropping what the taxonomy does not know", async () => {
    const response = await fetch(`${stack.services["job-parser"].url}/v1/jobs/parse`, { method: "POST", headers: { "content-type": "text/plain" }, body: JOB_TEXT });
    const job = (await response.json()) as any;
    assert.deepEqual(job.requiredSkills.value, ["Rust", "Kubernetes"]);
    assert.deepEqual(job.niceToHaveSkills.value, ["Elixir"]);
  });

  it("records token usage by type and the cost in USD from the price table", async () => {
    const metrics = await (await fetch(stack.services["cv-parser"].metricsUrl)).text();
    const sum = (type: string) => metrics.split("\n").find((l) => l.startsWith("gen_ai_client_token_usage_sum{") && l.includes(`gen_ai_token_type="${type}"`));
    assert.match(sum("input") ?? "", / 1200$/);
    assert.match(sum("output") ?? "", / 300$/);
    const cost = metrics.split("\n").find((l) => l.startsWith("app_llm_cost_USD_total{"));
    assert.ok(cost, "the cost counter is served");
    // gpt-4o-mini: 1200 x $0.15/M + 300 x $0.60/M
    assert.ok(Math.abs(Number(cost.split(" ").at(-1)) - 0.00036) < 1e-9, cost);
    assert.match(cost, /app_feature="cv-parsing"/);
  });

  it("answers 502 model_failed when the model is unreachable", async () => {
    model.close();
    model.closeAllConnections();
    const response = await fetch(`${stack.services["cv-parser"].url}/v1/cvs/parse`, { method: "POST", headers: { "content-type": "text/plain" }, body: CV_TEXT });
    const problem = (await response.json()) as any;
    assert.equal(response.status, 502);
    assert.equal(problem.code, "model_failed");
  });
});
