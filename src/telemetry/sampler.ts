// The sampler and span limits from the standard variables (OTEL_TRACES_SAMPLER[_ARG],
// OTEL_[SPAN_]ATTRIBUTE_*_LIMIT …), as the spec and NodeSDK read them. The default stays
// parentbased_always_on: every trace is kept.
import { AlwaysOffSampler, AlwaysOnSampler, ParentBasedSampler, TraceIdRatioBasedSampler, type Sampler, type SpanLimits } from "@opentelemetry/sdk-trace";
import { envChoice, envNumber } from "../config/index.ts";

const SAMPLERS = ["always_on", "always_off", "traceidratio", "parentbased_always_on", "parentbased_always_off", "parentbased_traceidratio"] as const;

export function samplerFromEnv(env: NodeJS.ProcessEnv = process.env): Sampler {
  const name = envChoice("OTEL_TRACES_SAMPLER", SAMPLERS, "parentbased_always_on", env);
  const ratio = () => new TraceIdRatioBasedSampler(envNumber("OTEL_TRACES_SAMPLER_ARG", 1, { min: 0, max: 1 }, env));
  switch (name) {
    case "always_on":
      return new AlwaysOnSampler();
    case "always_off":
      return new AlwaysOffSampler();
    case "traceidratio":
      return ratio();
    case "parentbased_always_off":
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case "parentbased_traceidratio":
      return new ParentBasedSampler({ root: ratio() });
    default:
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  }
}

export function spanLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): SpanLimits {
  const limit = (...names: string[]) => {
    const name = names.find((candidate) => env[candidate]?.trim());
    return name ? envNumber(name, Infinity, { min: 0, integer: true }, env) : undefined;
  };
  const limits: SpanLimits = {
    attributeCountLimit: limit("OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT", "OTEL_ATTRIBUTE_COUNT_LIMIT"),
    attributeValueLengthLimit: limit("OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT", "OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT"),
    eventCountLimit: limit("OTEL_SPAN_EVENT_COUNT_LIMIT"),
    linkCountLimit: limit("OTEL_SPAN_LINK_COUNT_LIMIT"),
    attributePerEventCountLimit: limit("OTEL_SPAN_ATTRIBUTE_PER_EVENT_COUNT_LIMIT"),
    attributePerLinkCountLimit: limit("OTEL_SPAN_ATTRIBUTE_PER_LINK_COUNT_LIMIT"),
  };
  return Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined)) as SpanLimits;
}
