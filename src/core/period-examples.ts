// The periods an error suggests: in the asker's language, those closest to what was typed.
import type { Lang } from "./language.ts";

/** Periods to suggest, per language; an error shows the three that fit what was typed best. */
const EXAMPLES: Record<Lang, string[]> = {
  da: ["denne måned", "sidste måned", "seneste 30 dage", "sidste kvartal", "denne uge", "sidste uge", "i år", "i dag", "3. kvartal 2026", "2026-10"],
  en: ["this month", "last month", "last 30 days", "last quarter", "this week", "last week", "this year", "today", "Q3 2026", "2026-10"],
};

/**
 * Up to three examples in that language, those sharing most words with the text first (a word
 * "shares" when the first three letters match, so "kvartl" finds "kvartal"); ties keep the
 * list's order, so with nothing in common the three most common periods are suggested.
 */
export function fittingPeriodExamples(text: string, lang: Lang): string[] {
  const stems = text.normalize("NFC").toLowerCase().trim().split(/\s+/).filter((w) => w.length > 0).map((w) => w.slice(0, 3));
  const score = (example: string) => example.toLowerCase().split(" ").filter((w) => stems.includes(w.slice(0, 3))).length;
  return EXAMPLES[lang].map((e, i) => ({ e, i, s: score(e) })).sort((a, b) => b.s - a.s || a.i - b.i).slice(0, 3).map((x) => x.e);
}
