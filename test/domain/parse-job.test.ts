import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseJob } from "../../src/domain/index.ts";
import { jobText } from "./corpus.ts";

describe("parseJob", () => {
  it("splits an English posting into required and nice-to-have skills", () => {
    const job = parseJob(jobText("job01-en-senior-backend-python.txt"));
    assert.equal(job.language, "en");
    assert.equal(job.title.value, "Senior Backend Engineer (Python)");
    assert.equal(job.seniority.value, "senior");
    assert.deepEqual(job.requiredSkills.value, ["Python", "Django", "FastAPI", "PostgreSQL", "SQL", "Docker", "Kubernetes", "REST"]);
    assert.deepEqual(job.niceToHaveSkills.value, ["Kafka", "RabbitMQ", "AWS", "Terraform", "OpenTelemetry"]);
    assert.equal(job.minYears.value, 5);
    assert.deepEqual(job.languages.value, [{ language: "English", level: "C1" }]);
    assert.equal(job.location.value, "London");
    assert.equal(job.workMode.value, "hybrid");
  });

  it("reads a French posting: 'confirmé', '3 à 5 ans', 'appréciée' and the technical environment", () => {
    const job = parseJob(jobText("job09-fr-dev-java-confirme.txt"));
    assert.equal(job.language, "fr");
    assert.equal(job.title.value, "Développeur Java confirmé", "the (H/F) marker is dropped");
    assert.equal(job.seniority.value, "mid");
    assert.equal(job.minYears.value, 3);
    assert.deepEqual(job.requiredSkills.value, ["Java", "Spring", "Hibernate", "PostgreSQL", "SQL", "Unit Testing", "JUnit"]);
    assert.ok(job.niceToHaveSkills.value.includes("Kafka"), "'Connaissance de Kafka appréciée' is optional");
    assert.deepEqual(job.languages.value, [{ language: "English", level: "B2" }]);
    assert.equal(job.workMode.value, "hybrid");
  });

  it("recognises an internship and an on-site posting", () => {
    const job = parseJob(jobText("job13-fr-stage-dev-web.txt"));
    assert.equal(job.seniority.value, "intern");
    assert.equal(job.workMode.value, "onsite");
    assert.equal(job.minYears.value, null);
    assert.deepEqual(job.niceToHaveSkills.value, ["TypeScript", "MongoDB", "Docker"]);
  });

  it("reads a posting written as prose, where 'is a bonus' marks the optional skills", () => {
    const job = parseJob(jobText("job16-en-startup-prose.txt"));
    assert.deepEqual(job.requiredSkills.value, ["TypeScript", "Node.js", "PostgreSQL", "Docker", "AWS"]);
    assert.deepEqual(job.niceToHaveSkills.value, ["Terraform", "Kubernetes"]);
    assert.equal(job.minYears.value, 4);
    assert.equal(job.seniority.value, "mid", "no seniority word: read from the years");
  });

  it("reads a labelled title and location and a junior minimum in months of French", () => {
    const job = parseJob(jobText("job15-fr-mobile-flutter.txt"));
    assert.equal(job.title.value, "Développeur mobile Flutter junior");
    assert.equal(job.title.confidence, 0.9);
    assert.equal(job.seniority.value, "junior");
    assert.equal(job.minYears.value, 1);
    assert.deepEqual(job.location, { value: "Nantes", confidence: 0.9 });
  });

  it("reads remote, hybrid and on-site wording in both languages", () => {
    const modeOf = (text: string) => parseJob(`Developer\n${text}`).workMode.value;
    assert.equal(modeOf("Full remote possible"), "remote");
    assert.equal(modeOf("100% télétravail"), "remote");
    assert.equal(modeOf("Hybride : 2 jours de télétravail"), "hybrid");
    assert.equal(modeOf("Télétravail partiel"), "hybrid");
    assert.equal(modeOf("On-site in our Lyon office, no remote"), "onsite");
    assert.equal(modeOf("Poste en présentiel"), "onsite");
    assert.equal(modeOf("Great team"), "unknown");
  });

  it("reads minimum years however they are written", () => {
    const yearsOf = (text: string) => parseJob(`Developer\n${text}`).minYears.value;
    assert.equal(yearsOf("5+ years of backend experience, 2 years with Kubernetes"), 5);
    assert.equal(yearsOf("At least three years of professional experience"), 3);
    assert.equal(yearsOf("3 ans d'expérience minimum"), 3);
    assert.equal(yearsOf("Founded 15 years ago, we serve 200 clients"), null);
  });

  it("reads seniority words from the title first", () => {
    const seniorityOf = (title: string) => parseJob(`${title}\n\nRequirements\n- Go`).seniority.value;
    assert.equal(seniorityOf("Lead Developer"), "lead");
    assert.equal(seniorityOf("Stagiaire développeur"), "intern");
    assert.equal(seniorityOf("Junior Data Analyst"), "junior");
    assert.equal(seniorityOf("Développeuse confirmée"), "mid");
    assert.equal(seniorityOf("Developer"), "unknown");
  });
});
