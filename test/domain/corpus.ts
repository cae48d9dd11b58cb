// Shared by the domain tests: the corpus, loaded once, and a parsed-document lookup by file name.
import { loadCorpus } from "../../src/corpus/load.ts";

export const corpus = loadCorpus();

export function cvText(file: string): string {
  const found = corpus.cvs.find((document) => document.file === file);
  if (!found) throw new Error(`No CV named ${file} in the corpus`);
  return found.text;
}

export function jobText(file: string): string {
  const found = corpus.jobs.find((document) => document.file === file);
  if (!found) throw new Error(`No job posting named ${file} in the corpus`);
  return found.text;
}
