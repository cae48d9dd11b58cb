import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findDateRanges, formatMonth } from "../../src/domain/text/dates.ts";
import { detectLanguage } from "../../src/domain/text/normalise.ts";
import { readSpokenLanguages } from "../../src/domain/text/spoken-languages.ts";

function rangeOf(line: string): string {
  return findDateRanges(line)
    .map((range) => `${formatMonth(range.start)}..${range.end === null ? "now" : formatMonth(range.end)}`)
    .join(" ");
}

describe("date ranges", () => {
  it("reads the formats CVs use, in English and French", () => {
    const cases: Array<[string, string]> = [
      ["Jan 2019 – Present", "2019-01..now"],
      ["2019-2022", "2019-01..2022-01"],
      ["03/2018 - 06/2021", "2018-03..2021-06"],
      ["janv. 2020 – aujourd'hui", "2020-01..now"],
      ["depuis 2021", "2021-01..now"],
      ["since March 2020", "2020-03..now"],
      ["de mars 2017 à juin 2019", "2017-03..2019-06"],
      ["2021-03 – 2023-11", "2021-03..2023-11"],
      ["2018/2026", "2018-01..2026-01"],
      ["September 2015 to December 2018", "2015-09..2018-12"],
    ];
    for (const [line, expected] of cases) assert.equal(rangeOf(line), expected, line);
  });

  it("counts a role that starts and ends in the same bare year as the whole year", () => {
    assert.equal(rangeOf("2020 - 2020"), "2020-01..2020-12");
  });

  it("finds no range in phone numbers, lone years or impossible months", () => {
    assert.equal(rangeOf("06 12 34 56 78"), "");
    assert.equal(rangeOf("Graduated 2015"), "");
    assert.equal(rangeOf("13/2019 - 14/2020"), "");
  });
});

describe("spoken languages", () => {
  it("maps level words to CEFR levels", () => {
    assert.deepEqual(readSpokenLanguages("English (fluent), French (native), Spanish (notions)", null), [
      { language: "English", level: "C1" },
      { language: "French", level: "native" },
      { language: "Spanish", level: "A2" },
    ]);
    assert.deepEqual(readSpokenLanguages("Anglais : intermédiaire | Allemand : B2 | Arabe : langue maternelle", null), [
      { language: "English", level: "B1" },
      { language: "German", level: "B2" },
      { language: "Arabic", level: "native" },
    ]);
    assert.deepEqual(readSpokenLanguages("English - professional working proficiency", null), [{ language: "English", level: "B2" }]);
  });

  it("gives a level written before a language to that language only", () => {
    assert.deepEqual(readSpokenLanguages("I speak fluent English and basic German", null), [
      { language: "English", level: "C1" },
      { language: "German", level: "A2" },
    ]);
  });

  it("shares one level across a pair and reads TOEIC scores", () => {
    assert.deepEqual(readSpokenLanguages("Bilingue français/anglais", null), [
      { language: "French", level: "native" },
      { language: "English", level: "native" },
    ]);
    assert.deepEqual(readSpokenLanguages("Anglais (TOEIC 850)", null), [{ language: "English", level: "B2" }]);
  });

  it("skips a language named without a level unless a fallback is given", () => {
    assert.deepEqual(readSpokenLanguages("Experience with the French market", null), []);
    assert.deepEqual(readSpokenLanguages("Anglais", "B2"), [{ language: "English", level: "B2" }]);
  });
});

describe("document language", () => {
  it("tells French from English", () => {
    assert.equal(detectLanguage("Développeur avec cinq ans d'expérience dans une équipe produit."), "fr");
    assert.equal(detectLanguage("Developer with five years of experience in a product team."), "en");
  });
});
