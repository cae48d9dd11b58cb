import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MATCH_WEIGHTS, parseCv, parseJob, rankCvs, scoreMatch } from "../../src/domain/index.ts";
import { corpus, cvText, jobText } from "./corpus.ts";

const now = corpus.now;
const backendJob = parseJob(jobText("job01-en-senior-backend-python.txt"));
const backendCv = parseCv(cvText("cv01-en-backend-senior.txt"), { now });
const analystCv = parseCv(cvText("cv13-en-data-analyst.txt"), { now });
const juniorCv = parseCv(cvText("cv09-en-junior-fullstack.txt"), { now });

describe("scoreMatch", () => {
  it("documents weights that add up to one, with required skills dominant", () => {
    const total = Object.values(MATCH_WEIGHTS).reduce((sum, weight) => sum + weight, 0);
    assert.equal(Math.round(total * 1000) / 1000, 1);
    for (const [part, weight] of Object.entries(MATCH_WEIGHTS)) {
      if (part !== "requiredSkills") assert.ok(MATCH_WEIGHTS.requiredSkills > weight, part);
    }
  });

  it("scores a close fit above a poor fit", () => {
    const fit = scoreMatch(backendCv, backendJob);
    const poor = scoreMatch(analystCv, backendJob);
    assert.ok(fit.score > poor.score, `${fit.score} should beat ${poor.score}`);
    assert.ok(fit.score >= 75, `close fit scored ${fit.score}`);
    assert.ok(poor.score < 50, `poor fit scored ${poor.score}`);
  });

  it("lists the missing required skills and the matched skills by canonical name", () => {
    const result = scoreMatch(analystCv, backendJob);
    assert.deepEqual(result.missingSkills, ["Django", "FastAPI", "PostgreSQL", "Docker", "Kubernetes", "REST"]);
    assert.deepEqual(result.matchedSkills, ["Python", "SQL"]);
    assert.deepEqual(scoreMatch(backendCv, backendJob).missingSkills, []);
  });

  it("keeps the score an integer in 0..100 and every breakdown part in 0..100", () => {
    for (const job of corpus.jobs.map((document) => parseJob(document.text))) {
      for (const cv of [backendCv, analystCv, juniorCv]) {
        const { score, breakdown } = scoreMatch(cv, job);
        assert.ok(Number.isInteger(score) && score >= 0 && score <= 100, `score ${score}`);
        for (const part of Object.values(breakdown)) assert.ok(part >= 0 && part <= 100, `part ${part}`);
      }
    }
  });

  it("explains the match in English without the candidate's name or contacts", () => {
    const { explanation } = scoreMatch(analystCv, backendJob);
    assert.match(explanation, /^Weak fit: covers 2 of 8 required skills \(missing Django, FastAPI, PostgreSQL and 3 more\)\./);
    assert.ok(explanation.split(/(?<=\.)\s/).length <= 2);
    const personal = [analystCv.name.value!, ...analystCv.contacts.value.emails, ...analystCv.contacts.value.phones];
    for (const value of personal) assert.ok(!explanation.includes(value), "explanation leaks personal data");
  });

  it("gives partial experience credit below the minimum and none beyond full", () => {
    assert.equal(scoreMatch(juniorCv, backendJob).breakdown.experience, 54);
    assert.equal(scoreMatch(backendCv, backendJob).breakdown.experience, 100);
  });
});

describe("rankCvs", () => {
  it("puts the best fit first and keeps input order on ties", () => {
    const ranked = rankCvs(backendJob, [analystCv, backendCv, juniorCv, analystCv]);
    assert.equal(ranked[0]!.index, 1);
    const analysts = ranked.filter((entry) => entry.index === 0 || entry.index === 3).map((entry) => entry.index);
    assert.deepEqual(analysts, [0, 3]);
    for (let i = 1; i < ranked.length; i++) assert.ok(ranked[i - 1]!.result.score >= ranked[i]!.result.score);
  });

  it("returns an empty list for no CVs", () => {
    assert.deepEqual(rankCvs(backendJob, []), []);
  });
});
