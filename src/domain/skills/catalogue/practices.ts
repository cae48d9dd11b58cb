import type { SkillEntry } from "./types.ts";

/** Testing, methods, security and collaboration tools. */
export const practicesAndTools: readonly SkillEntry[] = [
  // Testing
  ["Unit Testing", "unit tests", "unit testing", "tests unitaires", "test unitaire", "tests unitaires et d'intégration"],
  ["Test Automation", "automated testing", "test automation", "automatisation des tests", "tests automatisés"],
  ["Jest"],
  ["=Mocha"],
  ["Vitest"],
  ["Cypress"],
  ["Playwright"],
  ["Selenium", "selenium webdriver"],
  ["Appium"],
  ["JUnit", "junit5", "junit 5"],
  ["pytest"],
  ["Cucumber", "gherkin"],
  ["Postman"],
  ["JMeter"],
  ["Gatling"],
  ["TDD", "test-driven development", "test driven development"],
  ["BDD", "behaviour-driven development", "behavior-driven development"],
  // Methods
  ["Agile", "agile", "agiles", "agilité", "méthodes agiles"],
  ["Scrum", "scrum master"],
  ["Kanban"],
  ["=SAFe"],
  ["DDD", "domain-driven design", "domain driven design"],
  ["Clean Architecture", "hexagonal architecture", "architecture hexagonale"],
  ["Design Patterns", "design pattern"],
  ["UML"],
  ["Merise"],
  ["ITIL"],
  ["Code Review", "code reviews", "revues de code", "revue de code"],
  ["Mentoring", "mentor", "mentors", "mentored", "mentorat", "mentoring juniors"],
  ["Project Management", "gestion de projet", "gestion de projets"],
  // Security
  ["OAuth", "oauth2", "oauth 2.0", "openid connect", "oidc"],
  ["JWT"],
  ["OWASP"],
  ["Keycloak"],
  // Collaboration and design tools
  ["Jira"],
  ["Confluence"],
  ["Figma"],
];
