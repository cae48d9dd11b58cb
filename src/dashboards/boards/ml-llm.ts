// ML / LLM: extraction latency and errors by model and document kind, tokens in/out, what the
// model costs per hour and per day by model and feature, and the projected daily spend against
// the 100 USD budget alert.
import { newDashboard, UIDS } from "../dashboard.ts";
import { statPanel, timeseriesPanel } from "../panels.ts";
import { SCRAPED, servicesVariable } from "../variables.ts";

const DAILY_BUDGET_USD = 100;
const ML = `{${SCRAPED}, service_name=~"$service_name"}`;
const quantile = (q: number) => ({
  expr: `histogram_quantile(${q}, sum by (app_operation, app_model, le) (rate(app_operation_duration_seconds_bucket${ML}[$__rate_interval])))`,
  legend: `p${Math.round(q * 100)} {{app_operation}} {{app_model}}`,
});

export const mlLlm = () =>
  newDashboard({
    uid: UIDS.ml,
    title: "otel-gateway · ML / LLM",
    description:
      "Extraction and scoring (app.operation.*) by model and document kind; with an LLM configured, tokens (gen_ai.client.token.usage) and cost (app.llm.cost, USD) by model and feature.",
    variables: [servicesVariable()],
    sections: [
      {
        row: "Extraction and scoring (app.operation.*)",
        panels: [
          timeseriesPanel({
            title: "Processing latency p50 / p95 by operation and model",
            description:
              "Time to extract a CV (extract_cv), a job posting (extract_job) or score a match (score_match), by model: rules-v1 / weighted-v1 are the built-in rules, otherwise the LLM's name.",
            unit: "s",
            targets: [quantile(0.5), quantile(0.95)],
          }),
          timeseriesPanel({
            title: "Operations by outcome",
            description: "Extractions and scorings per second by operation and outcome (success, client_error, error).",
            unit: "ops",
            targets: [
              { expr: `sum by (app_operation, app_outcome) (rate(app_operations_total${ML}[$__rate_interval]))`, legend: "{{app_operation}} {{app_outcome}}" },
            ],
          }),
          timeseriesPanel({
            title: "Errors by type",
            description: "Failed extractions per second by operation and error.type (model_failed: the LLM answered an error or timed out).",
            unit: "ops",
            targets: [
              {
                expr: `sum by (app_operation, error_type) (rate(app_operation_errors_total${ML}[$__rate_interval]))`,
                legend: "{{app_operation}} {{error_type}}",
              },
            ],
          }),
        ],
      },
      {
        row: "LLM tokens and cost (only with OPENAI_BASE_URL and OPENAI_MODEL set)",
        panels: [
          timeseriesPanel({
            title: "Tokens per second, in and out, by model",
            description: "Tokens sent to (input) and received from (output) the model per second, from gen_ai.client.token.usage.",
            unit: "short",
            targets: [
              {
                expr: `sum by (gen_ai_request_model, gen_ai_token_type) (rate(gen_ai_client_token_usage_sum${ML}[$__rate_interval]))`,
                legend: "{{gen_ai_request_model}} {{gen_ai_token_type}}",
              },
            ],
          }),
          timeseriesPanel({
            title: "Cost per hour by model and feature",
            description:
              "USD spent on LLM calls over the trailing hour, by model and feature (cv-parsing, job-parsing), priced from the table in src/services/shared/extraction/prices.ts.",
            unit: "currencyUSD",
            targets: [
              {
                expr: `sum by (gen_ai_request_model, app_feature) (increase(app_llm_cost_USD_total${ML}[1h]))`,
                legend: "{{gen_ai_request_model}} {{app_feature}}",
              },
            ],
          }),
          statPanel({
            title: "Cost over the last 24 h",
            description: "USD spent on LLM calls over the trailing day, all models and features.",
            unit: "currencyUSD",
            targets: [{ expr: `sum(increase(app_llm_cost_USD_total${ML}[1d]))`, legend: "last 24 h" }],
          }),
          timeseriesPanel({
            title: `Projected daily spend vs the ${DAILY_BUDGET_USD} USD budget`,
            description: `The last hour's spending rate times 24 h, by model: the line turns red at ${DAILY_BUDGET_USD} USD/day, where the daily-cost alert fires.`,
            unit: "currencyUSD",
            width: 16,
            redAt: DAILY_BUDGET_USD,
            targets: [{ expr: `sum by (gen_ai_request_model) (rate(app_llm_cost_USD_total${ML}[1h])) * 86400`, legend: "{{gen_ai_request_model}}" }],
          }),
        ],
      },
    ],
  });
