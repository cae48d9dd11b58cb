// Which skills a posting requires and which it only welcomes.
import { extractSkills } from "../skills/taxonomy.ts";
import { foldAccents } from "../text/normalise.ts";
import type { Section } from "../text/sections.ts";
import type { Scored } from "../types.ts";
import type { JobSectionKind } from "./headings.ts";

// A line inside a requirements list can still say it is optional: "Kafka is a plus", "Go apprécié".
const SAYS_OPTIONAL =
  /\b(?:nice to have|a plus|bonus|preferred|ideally|optional|un plus|apprecie(?:e|s|es)?|souhaite(?:e|s|es)?|idealement|optionnel|un atout|est un atout|would be great|appreciated|is an advantage|un avantage)\b/;

export function saysOptional(line: string): boolean {
  return SAYS_OPTIONAL.test(foldAccents(line).toLowerCase());
}

export interface JobSkills {
  required: Scored<string[]>;
  niceToHave: Scored<string[]>;
}

/**
 * With a requirements section, it alone holds the required skills; skills met elsewhere
 * (the title excepted) are welcome but optional. Without one, every skill the posting names is
 * required unless its line or section says otherwise.
 */
export function readJobSkills(sections: Section<JobSectionKind>[], title: string | null): JobSkills {
  const hasRequirements = sections.some((section) => section.kind === "required" && section.lines.some(Boolean));
  const required: string[] = title ? extractSkills(title) : [];
  const optional: string[] = [];
  for (const section of sections) {
    if (section.kind === "benefits" || section.kind === "location") continue;
    for (const line of section.lines) {
      const isRequired = section.kind !== "niceToHave" && !saysOptional(line) && (!hasRequirements || section.kind === "required");
      (isRequired ? required : optional).push(...extractSkills(line));
    }
  }
  const requiredSet = new Set(required);
  const confidence = hasRequirements ? 0.85 : 0.6;
  return {
    required: { value: [...requiredSet], confidence: requiredSet.size > 0 ? confidence : 0.2 },
    niceToHave: { value: [...new Set(optional.filter((skill) => !requiredSet.has(skill)))], confidence },
  };
}
