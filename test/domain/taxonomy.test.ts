import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { extractSkills, listCanonicalSkills, normaliseSkill } from "../../src/domain/index.ts";

describe("skill taxonomy", () => {
  it("knows at least 150 canonical skills, each of which normalises to itself", () => {
    const names = listCanonicalSkills();
    assert.ok(names.length >= 150, `only ${names.length} skills`);
    for (const name of names) assert.equal(normaliseSkill(name), name);
  });

  it("maps common synonyms and spellings to one canonical name", () => {
    const cases: Array<[string, string]> = [
      ["k8s", "Kubernetes"],
      ["NodeJS", "Node.js"],
      ["node.js", "Node.js"],
      ["Node", "Node.js"],
      ["TS", "TypeScript"],
      ["JS", "JavaScript"],
      ["Postgres", "PostgreSQL"],
      ["psql", "PostgreSQL"],
      ["golang", "Go"],
      ["React.js", "React"],
      ["ReactJS", "React"],
      ["C#", "C#"],
      ["C++", "C++"],
      [".NET", ".NET"],
      ["CI/CD", "CI/CD"],
      ["AWS", "AWS"],
      ["Amazon Web Services", "AWS"],
      ["GCP", "GCP"],
      ["ML", "Machine Learning"],
      ["machine learning", "Machine Learning"],
      ["apprentissage automatique", "Machine Learning"],
      ["Spring Boot", "Spring"],
      ["scikit learn", "scikit-learn"],
    ];
    for (const [raw, canonical] of cases) assert.equal(normaliseSkill(raw), canonical, raw);
  });

  it("returns null for a string that is not a skill", () => {
    assert.equal(normaliseSkill("juggling"), null);
    assert.equal(normaliseSkill(""), null);
  });

  it("finds skills in free text, deduplicated, in order of first mention", () => {
    assert.deepEqual(extractSkills("TypeScript on Node.js, then more TS and nodejs; PostgreSQL via psql."), ["TypeScript", "Node.js", "PostgreSQL"]);
  });

  it("reads single-letter languages only where they are listed", () => {
    assert.deepEqual(extractSkills("Languages: C, C++, Python and R."), ["C", "C++", "Python", "R"]);
    assert.deepEqual(extractSkills("Développé en C et en Go."), ["C", "Go"]);
    assert.deepEqual(extractSkills("C'est Jean C. Martin de la R&D, profil C-level, niveau C1."), []);
  });

  it("does not read the verb or the French unit as the Go language", () => {
    assert.deepEqual(extractSkills("I go to the office. Go to market in Q3. Go-to-market plan. Serveur de 16 Go."), []);
    assert.deepEqual(extractSkills("Services written in Go and Rust."), ["Go", "Rust"]);
  });

  it("tells Java from JavaScript and ignores lower-case prose words", () => {
    assert.deepEqual(extractSkills("Java and JavaScript"), ["Java", "JavaScript"]);
    assert.deepEqual(extractSkills("rust on the gate, react quickly, at the helm, a swift reply, an angular face"), []);
  });

  it("does not mistake French words for frameworks", () => {
    assert.deepEqual(extractSkills("Vue d'ensemble du projet. Tableau de bord des ventes. Très vite livré."), []);
    assert.deepEqual(extractSkills("Front en Vue 3 et Tableau pour le reporting, bundler Vite."), ["Vue.js", "Tableau", "Vite"]);
  });

  it("ignores links and e-mail addresses, which name hosts rather than skills", () => {
    assert.deepEqual(extractSkills("github.com/jdoe/react-demo jane@react.example.com https://gitlab.com/x"), []);
  });

  it("prefers the longest name: React Native is not React, ASP.NET is not .NET", () => {
    assert.deepEqual(extractSkills("React Native and ASP.NET Core"), ["React Native", "ASP.NET"]);
  });
});
