/**
 * One catalogue entry: the canonical name first, then its synonyms.
 * A leading "=" marks a case-sensitive form ("=Go" matches "Go" and "GO", never "go"):
 * used for words that are also ordinary English or French words.
 */
export type SkillEntry = readonly [canonical: string, ...aliases: string[]];
