import { cloudAndOps } from "./ops.ts";
import { dataAndMl } from "./data.ts";
import { practicesAndTools } from "./practices.ts";
import { programmingLanguages } from "./languages.ts";
import type { SkillEntry } from "./types.ts";
import { webAndMobile } from "./web.ts";

export type { SkillEntry } from "./types.ts";

export const catalogue: readonly SkillEntry[] = [...programmingLanguages, ...webAndMobile, ...dataAndMl, ...cloudAndOps, ...practicesAndTools];
