import type { HeadingTable } from "../text/sections.ts";

export type JobSectionKind = "required" | "niceToHave" | "description" | "stack" | "benefits" | "languages" | "location" | "conditions";

/** Headings are compared accent-folded and lower-cased, without decorations or a trailing colon. */
export const JOB_HEADINGS: HeadingTable<JobSectionKind> = {
  required: [
    "requirements", "required", "required skills", "must have", "must-have", "must haves", "must-haves", "what you bring",
    "what we're looking for", "what we are looking for", "qualifications", "minimum qualifications", "basic qualifications",
    "your profile", "who you are", "you have", "about you", "profile", "skills", "requirements & skills",
    "profil", "profil recherché", "votre profil", "compétences requises", "compétences", "prérequis", "pré-requis",
    "indispensable", "indispensables", "vous avez", "ce que nous recherchons", "ce que vous apportez", "le profil",
  ],
  niceToHave: [
    "nice to have", "nice-to-have", "nice to haves", "bonus", "bonus points", "a plus", "pluses", "preferred",
    "preferred qualifications", "would be a plus", "un plus", "apprécié", "appréciés", "serait un plus", "atouts",
    "les plus", "les petits plus", "souhaité", "souhaités", "optionnel", "idéalement", "en bonus",
  ],
  description: [
    "about us", "about the role", "the role", "role", "responsibilities", "your responsibilities", "what you'll do",
    "what you will do", "your mission", "missions", "vos missions", "le poste", "description", "description du poste",
    "job description", "qui sommes-nous", "qui sommes-nous ?", "l'entreprise", "about the company", "the team", "l'équipe",
    "contexte", "vos responsabilités", "the job", "the company", "votre mission", "vos futures missions",
  ],
  stack: ["stack", "tech stack", "our stack", "notre stack", "stack technique", "environnement technique", "technologies", "tools", "our tools"],
  benefits: [
    "benefits", "perks", "what we offer", "avantages", "nous offrons", "ce que nous offrons", "ce que nous proposons",
    "salary", "salaire", "rémunération", "package", "process", "recruitment process", "processus de recrutement",
    "hiring process", "why join us", "pourquoi nous rejoindre",
  ],
  languages: ["languages", "langues", "language requirements"],
  location: ["location", "lieu", "localisation", "work location", "lieu de travail", "based in", "office"],
  conditions: ["contract", "contrat", "type de contrat", "remote policy", "work mode", "mode de travail", "télétravail", "remote", "conditions", "informations pratiques", "practical information", "details", "détails"],
};
