// An optional extractor backed by an OpenAI-compatible chat model (OPENAI_BASE_URL, OPENAI_API_KEY,
// OPENAI_MODEL). The model proposes skills; the taxonomy normalises them and the rules parser
// supplies the rest, so the output keeps one shape. Token usage and cost go to the gen_ai instruments.
// The document text goes to the model the operator configured; nothing of it goes to telemetry.
import { SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { normaliseSkill, parseCv, parseJob } from "../../../domain/index.ts";
import { envNumber } from "../../../telemetry/env.ts";
import { HttpError, instruments } from "../../../telemetry/index.ts";
import { costOf } from "./prices.ts";
import type { Extractor } from "./types.ts";

export interface OpenAiSettings {
  baseUrl: string;
  apiKey?: string;
  model: string;
  timeoutMs?: number;
}

interface ChatResponse {
  model?: string;
  choices?: Array<{ message?: { content?: string } }>;
  usage?: { prompt_tokens?: number; completion_tokens?: number };
}

const CV_PROMPT =
  'Extract the technical and professional skills from this CV. Answer JSON only: {"skills": ["..."]}.';
const JOB_PROMPT =
  'Extract skills from this job posting. Answer JSON only: {"required": ["..."], "niceToHave": ["..."]}.';

const tracer = trace.getTracer("otel-gateway.extraction");

function canonical(values: unknown): string[] {
  if (!Array.isArray(values)) return [];
  const skills = values.map((value) => (typeof value === "string" ? normaliseSkill(value) : null));
  return [...new Set(skills.filter((skill): skill is string => skill !== null))];
}

export function readOpenAiSettings(env = process.env): OpenAiSettings | undefined {
  if (!env.OPENAI_BASE_URL || !env.OPENAI_MODEL) return undefined;
  return {
    baseUrl: env.OPENAI_BASE_URL.replace(/\/+$/, ""),
    apiKey: env.OPENAI_API_KEY,
    model: env.OPENAI_MODEL,
    timeoutMs: envNumber("OPENAI_TIMEOUT_MS", 30_000, { min: 100, integer: true }, env),
  };
}

export function createOpenAiExtractor(settings: OpenAiSettings, feature: string): Extractor {
  const { baseUrl, apiKey, model, timeoutMs = 30_000 } = settings;

  async function chat(system: string, text: string): Promise<Record<string, unknown>> {
    return tracer.startActiveSpan(`chat ${model}`, { kind: SpanKind.CLIENT }, async (span) => {
      span.setAttributes({
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": "openai",
        "gen_ai.request.model": model,
      });
      try {
        const response = await fetch(`${baseUrl}/chat/completions`, {
          method: "POST",
          headers: { "content-type": "application/json", ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
          body: JSON.stringify({
            model,
            temperature: 0,
            response_format: { type: "json_object" },
            messages: [
              { role: "system", content: system },
              { role: "user", content: text },
            ],
          }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (!response.ok) throw new Error(`model answered HTTP ${response.status}`);
        const body = (await response.json()) as ChatResponse;
        recordUsage(body, span);
        return JSON.parse(body.choices?.[0]?.message?.content ?? "{}") as Record<string, unknown>;
      } catch (error) {
        const failure = error instanceof Error ? error : new Error(String(error));
        span.recordException(failure);
        span.setStatus({ code: SpanStatusCode.ERROR, message: failure.message });
        span.setAttribute("error.type", failure.name === "TimeoutError" ? "timeout" : failure.name);
        throw new HttpError("model_failed", `The model ${model} failed: ${failure.message}`, { cause: failure });
      } finally {
        span.end();
      }
    });
  }

  function recordUsage(body: ChatResponse, span: ReturnType<typeof tracer.startSpan>): void {
    const inputTokens = body.usage?.prompt_tokens ?? 0;
    const outputTokens = body.usage?.completion_tokens ?? 0;
    const responseModel = body.model ?? model;
    const base = { "gen_ai.operation.name": "chat", "gen_ai.provider.name": "openai", "gen_ai.request.model": model, "gen_ai.response.model": responseModel };
    span.setAttributes({ "gen_ai.response.model": responseModel, "gen_ai.usage.input_tokens": inputTokens, "gen_ai.usage.output_tokens": outputTokens });
    instruments().tokenUsage.record(inputTokens, { ...base, "gen_ai.token.type": "input" });
    instruments().tokenUsage.record(outputTokens, { ...base, "gen_ai.token.type": "output" });
    instruments().cost.add(costOf(model, inputTokens, outputTokens), { "gen_ai.request.model": model, "app.feature": feature });
  }

  return {
    model,
    async extractCv(text) {
      const answer = await chat(CV_PROMPT, text);
      const cv = parseCv(text);
      const skills = [...new Set([...canonical(answer.skills), ...cv.skills.value])];
      return { ...cv, skills: { value: skills, confidence: Math.max(cv.skills.confidence, 0.9) } };
    },
    async extractJob(text) {
      const answer = await chat(JOB_PROMPT, text);
      const job = parseJob(text);
      const required = canonical(answer.required);
      const niceToHave = canonical(answer.niceToHave).filter((skill) => !required.includes(skill));
      return {
        ...job,
        requiredSkills: { value: required.length ? required : job.requiredSkills.value, confidence: 0.9 },
        niceToHaveSkills: { value: niceToHave.length ? niceToHave : job.niceToHaveSkills.value, confidence: 0.85 },
      };
    },
  };
}
