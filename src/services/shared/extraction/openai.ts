// An optional extractor backed by an OpenAI-compatible chat model (OPENAI_BASE_URL, OPENAI_API_KEY,
// OPENAI_MODEL), through the official `openai` client. The model proposes skills; the taxonomy
// normalises them and the rules parser supplies the rest, so the output keeps one shape.
// @opentelemetry/instrumentation-openai makes the `chat <model>` span and the gen_ai.client.* metrics
// (semantic conventions; message content is not captured); we add only the cost counter. The
// document text goes to the model the operator configured; nothing of it goes to telemetry.
import type OpenAI from "openai";
import type * as OpenAiExports from "openai";
import { normaliseSkill, parseCv, parseJob } from "../../../domain/index.ts";
import { envNumber } from "../../../config/index.ts";
import { instruments } from "../../../telemetry/index.ts";
import { HttpError } from "../error-codes.ts";
import { costOf } from "./prices.ts";
import type { Extractor } from "./types.ts";

export interface OpenAiSettings {
  baseUrl: string;
  apiKey?: string;
  model: string;
  timeoutMs?: number;
  /** The client retries 408/429/5xx with backoff; 0 (our default) counts each failed call as failed. */
  maxRetries?: number;
}

const CV_PROMPT = 'Extract the technical and professional skills from this CV. Answer JSON only: {"skills": ["..."]}.';
const JOB_PROMPT = 'Extract skills from this job posting. Answer JSON only: {"required": ["..."], "niceToHave": ["..."]}.';

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
    maxRetries: envNumber("OPENAI_MAX_RETRIES", 0, { min: 0, max: 10, integer: true }, env),
  };
}

type OpenAiModule = typeof OpenAiExports;

/** What the model failed with, in words safe for a problem detail (no body, no key). */
function failureOf(error: unknown, { default: OpenAI }: OpenAiModule): string {
  if (error instanceof OpenAI.APIConnectionTimeoutError) return "timed out";
  if (error instanceof OpenAI.APIError && error.status) return `answered HTTP ${error.status}`;
  if (error instanceof OpenAI.APIConnectionError) return "could not be reached";
  return error instanceof Error ? error.message : String(error);
}

export function createOpenAiExtractor(settings: OpenAiSettings, feature: string): Extractor {
  const { baseUrl, apiKey, model, timeoutMs = 30_000, maxRetries = 0 } = settings;
  // Imported on first use: the client costs about 0.1 s and 15 MiB of startup, which a service
  // without a model should not pay. The instrumentation hooks it whenever it loads.
  let loaded: Promise<{ module: OpenAiModule; client: OpenAI }> | undefined;
  const load = () =>
    (loaded ??= import("openai").then((module) => ({
      module,
      // A local OpenAI-compatible server may need no key: then no Authorization header at all.
      client: new module.default({
        baseURL: baseUrl,
        apiKey: apiKey ?? "",
        timeout: timeoutMs,
        maxRetries,
        defaultHeaders: apiKey ? {} : { Authorization: null },
      }),
    })));

  async function chat(system: string, text: string): Promise<Record<string, unknown>> {
    const { module, client } = await load();
    let completion: OpenAI.ChatCompletion;
    try {
      completion = await client.chat.completions.create({
        model,
        temperature: 0,
        response_format: { type: "json_object" },
        messages: [
          { role: "system", content: system },
          { role: "user", content: text },
        ],
      });
    } catch (error) {
      throw new HttpError("model_failed", `The model ${model} ${failureOf(error, module)}`, { cause: error });
    }
    const inputTokens = completion.usage?.prompt_tokens ?? 0;
    const outputTokens = completion.usage?.completion_tokens ?? 0;
    instruments().cost.add(costOf(model, inputTokens, outputTokens), { "gen_ai.request.model": model, "app.feature": feature });
    try {
      return JSON.parse(completion.choices[0]?.message?.content ?? "{}") as Record<string, unknown>;
    } catch (error) {
      throw new HttpError("model_failed", `The model ${model} answered something other than JSON`, { cause: error });
    }
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
