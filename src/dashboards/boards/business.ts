// Business: what the pipeline does for its users — documents parsed by kind and language, skills
// found per document, and how well CVs match jobs.
import { newDashboard, UIDS } from "../dashboard.ts";
import { heatmapPanel, statPanel, timeseriesPanel } from "../panels.ts";
import { SCRAPED } from "../variables.ts";

const S = `{${SCRAPED}}`;

export const business = () =>
  newDashboard({
    uid: UIDS.business,
    title: "otel-gateway · Business",
    description: "Documents parsed by kind (cv, job) and language, skills found per document, and the distribution of match scores.",
    sections: [
      {
        row: "Documents",
        panels: [
          timeseriesPanel({
            title: "Documents parsed by kind and language",
            description: "CVs and job postings parsed per second, by detected language (en, fr).",
            unit: "ops",
            width: 12,
            targets: [
              {
                expr: `sum by (app_document_kind, app_document_language) (rate(app_documents_parsed_total${S}[$__rate_interval]))`,
                legend: "{{app_document_kind}} {{app_document_language}}",
              },
            ],
          }),
          statPanel({
            title: "Documents parsed in the range",
            description: "CVs and job postings parsed over the selected time range, by kind.",
            unit: "short",
            width: 6,
            targets: [{ expr: `sum by (app_document_kind) (increase(app_documents_parsed_total${S}[$__range]))`, legend: "{{app_document_kind}}" }],
          }),
          timeseriesPanel({
            title: "Document size p50 / p95",
            description: "Size of the parsed documents (bytes of text), by kind.",
            unit: "bytes",
            width: 6,
            targets: [0.5, 0.95].map((q) => ({
              expr: `histogram_quantile(${q}, sum by (app_document_kind, le) (rate(app_document_size_bytes_bucket${S}[$__rate_interval])))`,
              legend: `p${q * 100} {{app_document_kind}}`,
            })),
          }),
        ],
      },
      {
        row: "Skills and matches",
        panels: [
          timeseriesPanel({
            title: "Skills per document (mean)",
            description: "Canonical skills found per parsed document on average, by kind and language; a drop means the parser finds less.",
            unit: "short",
            targets: [
              {
                expr: `sum by (app_document_kind, app_document_language) (rate(app_document_skills_sum${S}[$__rate_interval])) / sum by (app_document_kind, app_document_language) (rate(app_document_skills_count${S}[$__rate_interval]))`,
                legend: "{{app_document_kind}} {{app_document_language}}",
              },
            ],
          }),
          heatmapPanel({
            title: "Match-score distribution",
            description: "How many matches fell in each score band (0-100) per interval: the histogram app.match.score over time.",
            unit: "short",
            targets: [{ expr: `sum by (le) (increase(app_match_score_percent_bucket${S}[$__rate_interval]))` }],
          }),
          timeseriesPanel({
            title: "Median match score",
            description: "Median score of the matches computed (0-100), estimated from the score histogram's bands of 10.",
            unit: "none",
            targets: [{ expr: `histogram_quantile(0.5, sum by (le) (rate(app_match_score_percent_bucket${S}[$__rate_interval])))`, legend: "median" }],
          }),
        ],
      },
    ],
  });
