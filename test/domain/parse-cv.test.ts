import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseCv } from "../../src/domain/index.ts";
import { corpus, cvText } from "./corpus.ts";

const now = corpus.now;

describe("parseCv on an English CV with headed sections", () => {
  const cv = parseCv(cvText("cv01-en-backend-senior.txt"), { now });

  it("detects English and reads the name from the first line", () => {
    assert.equal(cv.language, "en");
    assert.deepEqual(cv.name, { value: "Daniel Okafor", confidence: 0.9 });
  });

  it("reads the e-mail, the phone and the link", () => {
    assert.deepEqual(cv.contacts.value, {
      emails: ["daniel.okafor@example.com"],
      phones: ["+1 555-0142"],
      links: ["github.com/dokafor-example"],
    });
  });

  it("reads each role with its title, company, months and years", () => {
    assert.deepEqual(
      cv.roles.value.map(({ title, company, start, end }) => [title, company, start, end]),
      [
        ["Senior Backend Engineer", "Northwind Logistics", "2021-01", null],
        ["Backend Developer", "Contoso Payments", "2017-03", "2020-12"],
        ["Junior Developer", "Fabrikam Studio", "2015-06", "2017-02"],
      ],
    );
    assert.equal(cv.roles.value[1]!.years, 3.8);
  });

  it("adds up the years of experience against the given date", () => {
    assert.equal(cv.yearsOfExperience.value, 11.5);
    assert.equal(parseCv(cvText("cv01-en-backend-senior.txt"), { now: new Date("2025-11-01") }).yearsOfExperience.value, 10.5);
  });

  it("reads education, spoken languages and canonical skills", () => {
    assert.deepEqual(cv.education.value, [{ degree: "BSc Computer Science", institution: "University of Exampleton", year: 2015 }]);
    assert.deepEqual(cv.languages.value, [
      { language: "English", level: "native" },
      { language: "Spanish", level: "B1" },
    ]);
    for (const skill of ["Go", "PostgreSQL", "Kubernetes", "FastAPI", "Mentoring"]) assert.ok(cv.skills.value.includes(skill), skill);
  });
});

describe("parseCv on a French CV", () => {
  const cv = parseCv(cvText("cv16-fr-backend-java.txt"), { now });

  it("detects French and reads a national phone number", () => {
    assert.equal(cv.language, "fr");
    assert.equal(cv.name.value, "Julien Marchand");
    assert.deepEqual(cv.contacts.value.phones, ["06 12 34 56 78"]);
  });

  it("reads French month abbreviations and 'aujourd'hui' as a current role", () => {
    assert.deepEqual(
      cv.roles.value.map(({ title, company, start, end }) => [title, company, start, end]),
      [
        ["Développeur Java / Spring Boot", "Banque Exemple", "2020-01", null],
        ["Développeur Java", "ESN Exemplaire", "2016-09", "2019-12"],
      ],
    );
    assert.equal(cv.yearsOfExperience.value, 10.3);
  });

  it("reads 'langue maternelle' as native and 'courant' as C1", () => {
    assert.deepEqual(cv.languages.value, [
      { language: "French", level: "native" },
      { language: "English", level: "C1" },
    ]);
  });

  it("reads French degrees and universities", () => {
    assert.deepEqual(cv.education.value[0], {
      degree: "Master Informatique",
      institution: "Université Claude Exemple Lyon 1",
      year: 2016,
    });
  });
});

describe("parseCv on messy layouts", () => {
  it("reads a French CV written as prose, without headings, and trusts it less", () => {
    const cv = parseCv(cvText("cv23-fr-prose-sans-titres.txt"), { now });
    assert.equal(cv.language, "fr");
    assert.equal(cv.yearsOfExperience.value, 9.9);
    assert.equal(cv.roles.value[1]!.company, "Institut Sondage Exemple");
    assert.deepEqual(cv.languages.value, [
      { language: "English", level: "C1" },
      { language: "Italian", level: "A2" },
    ]);
    assert.ok(cv.roles.confidence < 0.85);
    assert.ok(!cv.skills.value.includes("C"), "C'est is not the C language");
  });

  it("reads capitals, tabs and column layouts", () => {
    const cv = parseCv(cvText("cv04-en-devops.txt"), { now });
    assert.equal(cv.name.value, "SOFIA LINDQVIST");
    assert.deepEqual(cv.roles.value[0], {
      title: "Platform Engineer",
      company: "Eastwind Cloud",
      start: "2021-06",
      end: null,
      years: 5.5,
    });
    assert.deepEqual(
      cv.languages.value.map((spoken) => spoken.level),
      ["native", "C1", "A2"],
    );
  });

  it("reads a LinkedIn export: company above title, durations after dates", () => {
    const cv = parseCv(cvText("cv31-en-linkedin-export.txt"), { now });
    assert.deepEqual(cv.roles.value[0]!.company, "Meadowlark");
    assert.deepEqual(cv.education.value, [{ degree: "Bachelor of Science (BSc)", institution: "University of Exampleford", year: 2016 }]);
  });

  it("falls back on stated years when no role carries dates", () => {
    const cv = parseCv("Jane Example\n\nBackend developer with 7 years of experience in Go and PostgreSQL.", { now });
    assert.deepEqual(cv.yearsOfExperience, { value: 7, confidence: 0.5 });
    assert.deepEqual(cv.roles.value, []);
  });

  it("reports low confidence for fields it cannot find", () => {
    const cv = parseCv("", { now });
    assert.deepEqual(cv.name, { value: null, confidence: 0 });
    assert.equal(cv.skills.value.length, 0);
    assert.ok(cv.skills.confidence <= 0.2 && cv.contacts.confidence <= 0.2 && cv.yearsOfExperience.confidence <= 0.2);
  });
});
