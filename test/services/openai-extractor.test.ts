// The optional LLM extractor, through the `openai` client, against a small OpenAI-compatible server
// started here: skills come from the model (normalised by the taxonomy); the `chat <model>` span and
// the gen_ai.client.* metrics come from @opentelemetry/instrumentation-openai by the semantic
// conventions, the cost from our counter. Each case sends its own requests and reads deltas, so
// any one of them can run alone or in any order.
import assert from "node:assert/strict";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { startModelServer, type ModelServerOptions, type SeenRequest } from "../support/model-server.ts";
import { OtlpSink, type SinkSpan } from "../support/otlp-sink.ts";
import { pollUntil } from "../../src/lifecycle/poll.ts";
import { startServices, type RunningServices } from "../support/services.ts";
import { CV_TEXT, JOB_TEXT, PERSONAL } from "./samples.ts";

const CLIENT = 3;

describe("the OpenAI-compatible extractor", () => {
  const seen: SeenRequest[] = [];
  const behaviour: NonNullable<ModelServerOptions["behaviour"]> = { answer: "ok" };
  const sink = new OtlpSink();
  let model: Server;
  let stack: RunningServices;

  before(async () => {
    model = await startModelServer({ seen, behaviour });
    await sink.start();
    stack = await startServices({
      OPENAI_BASE_URL: `http://127.0.0.1:${(model.address() as AddressInfo).port}/v1`,
      OPENAI_API_KEY: "sk-test-not-a-real-key",
      OPENAI_MODEL: "gpt-4o-mini",
      OTEL_EXPORTER_OTLP_ENDPOINT: sink.url,
      OTEL_BSP_SCHEDULE_DELAY: "100",
      OTEL_BLRP_SCHEDULE_DELAY: "100",
      OTEL_METRICS_EXPORTER: "none",
    });
  });
  after(async () => {
    await stack?.stop();
    model?.close();
    await sink.stop();
  });

  const parseCv = async (requestId: string) => {
    const response = await fetch(`${stack.services["cv-parser"].url}/v1/cvs/parse`, {
      method: "POST",
      headers: { "content-type": "text/plain", "x-request-id": requestId },
      body: CV_TEXT,
    });
    return { response, body: (await response.json()) as any, traceId: response.headers.get("traceresponse")!.split("-")[1]! };
  };
  const chatSpanOf = (traceId: string) =>
    pollUntil(() => sink.spans.find((span) => span.traceId === traceId && span.name === "chat gpt-4o-mini"), `the chat span of trace ${traceId}`);
  /** The sum of a series on cv-parser's /metrics, over the lines carrying every label given. */
  const scrape = async (name: string, labels: Record<string, string> = {}) => {
    const text = await (await fetch(stack.services["cv-parser"].metricsUrl)).text();
    const lines = text
      .split("\n")
      .filter((line) => line.startsWith(`${name}{`) && Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`)));
    return lines.reduce((sum, line) => sum + Number(line.split(" ").at(-1)), 0);
  };

  it("takes the model's skills, in canonical names, and keeps the rules parser's other fields", async () => {
    const { response, body: cv } = await parseCv("llm-skills");
    assert.equal(response.status, 200);
    for (const skill of ["Rust", "Elixir", "Node.js"]) assert.ok(cv.skills.value.includes(skill), `${skill} in ${cv.skills.value}`);
    assert.ok(cv.roles.value.length >= 2, "roles still come from the rules parser");
    assert.equal(seen.at(-1)?.authorization, "Bearer sk-test-not-a-real-key");
    assert.equal(seen.at(-1)?.model, "gpt-4o-mini");
  });

  it("splits a job's skills into required and nice-to-have, dropping what the taxonomy does not know", async () => {
    const response = await fetch(`${stack.services["job-parser"].url}/v1/jobs/parse`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JOB_TEXT,
    });
    const job = (await response.json()) as any;
    assert.deepEqual(job.requiredSkills.value, ["Rust", "Kubernetes"]);
    assert.deepEqual(job.niceToHaveSkills.value, ["Elixir"]);
  });

  it("gets a gen_ai client span by the semantic conventions, under the extraction span, with no message content anywhere", async () => {
    const { traceId } = await parseCv("llm-span");
    const chat: SinkSpan = await chatSpanOf(traceId);
    assert.equal(chat.kind, CLIENT);
    assert.equal(chat.attributes["gen_ai.operation.name"], "chat");
    assert.equal(chat.attributes["gen_ai.request.model"], "gpt-4o-mini");
    assert.equal(chat.attributes["gen_ai.response.model"], "gpt-4o-mini-2024-07-18");
    assert.equal(chat.attributes["gen_ai.usage.input_tokens"], 1200);
    assert.equal(chat.attributes["gen_ai.usage.output_tokens"], 300);
    const parent = sink.spans.find((span) => span.spanId === chat.parentSpanId);
    assert.equal(parent?.name, "extract cv");
    // The instrumentation's gen_ai.* events carry no content unless asked (it is not).
    const events = await pollUntil(() => {
      const found = sink.logs.filter((record) => record.traceId === traceId && String(record.attributes["event.name"]).startsWith("gen_ai."));
      return found.length >= 3 && found;
    }, "the gen_ai events of the chat");
    for (const event of events) assert.equal(JSON.stringify(event.body ?? {}).includes("content"), false, JSON.stringify(event));
    const exported = sink.raw.join("\n");
    for (const secret of Object.values(PERSONAL)) assert.ok(!exported.includes(secret), `${secret} reached telemetry`);
  });

  it("records token usage by gen_ai.token.type and the cost in USD from the price table", async () => {
    const tokens = (type: string) => scrape("gen_ai_client_token_usage_sum", { gen_ai_token_type: type, gen_ai_request_model: "gpt-4o-mini" });
    const cost = () => scrape("app_llm_cost_USD_total", { gen_ai_request_model: "gpt-4o-mini", app_feature: "cv-parsing" });
    const before = {
      input: await tokens("input"),
      output: await tokens("output"),
      cost: await cost(),
      calls: await scrape("gen_ai_client_operation_duration_seconds_count", { gen_ai_operation_name: "chat" }),
    };
    assert.equal((await parseCv("llm-usage")).response.status, 200);
    assert.equal((await tokens("input")) - before.input, 1200);
    assert.equal((await tokens("output")) - before.output, 300);
    assert.equal((await scrape("gen_ai_client_operation_duration_seconds_count", { gen_ai_operation_name: "chat" })) - before.calls, 1);
    // gpt-4o-mini: 1200 x $0.15/M + 300 x $0.60/M
    assert.ok(Math.abs((await cost()) - before.cost - 0.00036) < 1e-9, `cost grew by ${(await cost()) - before.cost}`);
  });

  for (const [answer, status] of [
    ["http-500", "answered HTTP 500"],
    ["hang-up", "could not be reached"],
  ] as const) {
    it(`answers 502 model_failed when the model ${status}, with error.type on the chat span`, async () => {
      behaviour.answer = answer;
      try {
        const { response, body: problem, traceId } = await parseCv(`llm-${answer}`);
        assert.equal(response.status, 502);
        assert.equal(problem.code, "model_failed");
        assert.match(problem.detail, new RegExp(status));
        const chat = await chatSpanOf(traceId);
        assert.equal(chat.status, 2, "status ERROR");
        assert.match(String(chat.attributes["error.type"]), /Error$/);
      } finally {
        behaviour.answer = "ok";
      }
    });
  }
});
