// The Danish and English comment corpora of test/fixtures/themes, and the same comments as answers
// to store (one an hour from `start`, all in one team).
import fs from "node:fs";
import type { ThemeComment } from "../../src/core/themes/index.ts";
import type { NormalizedAnswer } from "../../src/ingest/normalized-answer.ts";

export interface ThemeCorpus {
  knownNames: string[];
  comments: ThemeComment[];
}

export const themeCorpus = (name: "da" | "en"): ThemeCorpus =>
  JSON.parse(fs.readFileSync(new URL(`../fixtures/themes/${name}.json`, import.meta.url), "utf8"));

export function corpusAnswers(comments: ThemeComment[], teamSlug: string, start: Date, idPrefix = "c"): NormalizedAnswer[] {
  return comments.map((c, i) => ({
    source: "test", externalId: `${idPrefix}${i}`, score: c.score, ces: null, comment: c.text, customerName: c.customerName, customerEmail: null,
    customerAccount: null, teamSlug, touchpoint: null, language: c.language, consentToShare: false, answeredAt: new Date(start.getTime() + i * 3_600_000),
  }));
}
