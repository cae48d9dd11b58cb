import type { HeadingKeywords, HeadingTable } from "../text/sections.ts";

export type CvSectionKind =
  | "summary" | "experience" | "education" | "skills" | "languages"
  | "projects" | "certifications" | "interests" | "contact";

/** Headings are compared accent-folded and lower-cased, without decorations or a trailing colon. */
export const CV_HEADINGS: HeadingTable<CvSectionKind> = {
  summary: ["summary", "profile", "professional summary", "about me", "about", "objective", "profil", "résumé", "à propos", "a propos de moi", "présentation", "objectif"],
  experience: [
    "experience", "experiences", "professional experience", "work experience", "employment", "employment history",
    "work history", "career", "career history", "expérience professionnelle", "expériences professionnelles",
    "expérience", "expériences", "parcours professionnel", "parcours", "emplois", "missions", "experience pro",
  ],
  education: ["education", "academic background", "studies", "qualifications", "formation", "formations", "diplômes", "diplôme", "études", "cursus", "formation académique", "education & training"],
  skills: [
    "skills", "technical skills", "key skills", "core skills", "competencies", "tech stack", "stack", "technologies",
    "tools", "skills & tools", "technical environment", "compétences", "compétences techniques", "outils",
    "environnement technique", "savoir-faire", "expertise", "stack technique", "hard skills", "soft skills",
  ],
  languages: ["languages", "spoken languages", "language skills", "langues", "langues parlées", "langues étrangères"],
  projects: ["projects", "side projects", "personal projects", "open source", "projets", "projets personnels"],
  certifications: ["certifications", "certificates", "certification", "awards", "distinctions"],
  interests: ["interests", "hobbies", "centres d'intérêt", "centres d'intérêts", "loisirs", "intérêts", "activities", "activités"],
  contact: ["contact", "contacts", "coordonnées", "contact details", "personal details", "informations personnelles"],
};

/** Fallback for headings worded differently ("Research & industry experience", "Compétences clés"). */
export const CV_HEADING_KEYWORDS: HeadingKeywords<CvSectionKind> = [
  [/\b(?:experiences?|employment|career|parcours)\b/, "experience"],
  [/\b(?:education|formations?|diplomes?)\b/, "education"],
  [/\b(?:skills|competences|tools|outils)\b/, "skills"],
  [/\b(?:languages|langues)\b/, "languages"],
];
