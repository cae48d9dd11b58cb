// The shapes the parsers and the scorer exchange. Pure data: no I/O lives in src/domain.

/** A value with how sure the extractor is of it, 0..1. */
export interface Scored<T> {
  value: T;
  confidence: number;
}

export type CvLanguage = "en" | "fr";

/** CEFR levels, plus "native" for a mother tongue. */
export type LanguageLevel = "A1" | "A2" | "B1" | "B2" | "C1" | "C2" | "native";

export interface SpokenLanguage {
  /** English name, capitalised: "French", "English", "Spanish". */
  language: string;
  level: LanguageLevel;
}

export interface Contacts {
  emails: string[];
  phones: string[];
  links: string[];
}

export interface Role {
  title: string;
  company: string | null;
  /** "YYYY-MM" */
  start: string;
  /** "YYYY-MM", or null for a current role. */
  end: string | null;
  years: number;
}

export interface Education {
  degree: string;
  institution: string | null;
  year: number | null;
}

export interface ParsedCv {
  language: CvLanguage;
  /** Personal data: returned to the caller only, never logged or put on telemetry. */
  name: Scored<string | null>;
  /** Personal data: returned to the caller only, never logged or put on telemetry. */
  contacts: Scored<Contacts>;
  /** Canonical skill names from the taxonomy ("Kubernetes", "Node.js"). */
  skills: Scored<string[]>;
  roles: Scored<Role[]>;
  yearsOfExperience: Scored<number>;
  education: Scored<Education[]>;
  languages: Scored<SpokenLanguage[]>;
}

export type Seniority = "intern" | "junior" | "mid" | "senior" | "lead" | "unknown";
export type WorkMode = "remote" | "hybrid" | "onsite" | "unknown";

export interface ParsedJob {
  language: CvLanguage;
  title: Scored<string | null>;
  seniority: Scored<Seniority>;
  requiredSkills: Scored<string[]>;
  niceToHaveSkills: Scored<string[]>;
  minYears: Scored<number | null>;
  languages: Scored<SpokenLanguage[]>;
  location: Scored<string | null>;
  workMode: Scored<WorkMode>;
}

export interface MatchBreakdown {
  /** Each part 0..100; the score is their weighted sum. */
  requiredSkills: number;
  niceToHaveSkills: number;
  experience: number;
  languages: number;
  seniority: number;
}

export interface MatchResult {
  /** 0..100, integer. */
  score: number;
  matchedSkills: string[];
  missingSkills: string[];
  breakdown: MatchBreakdown;
  explanation: string;
}
