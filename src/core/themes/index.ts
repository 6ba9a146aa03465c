// Themes in customer comments: what detractors (0–6) write about more than promoters (9–10), and
// the other way round. Each comment counts a term once; the groups are compared with the weighted
// log-odds ratio (log-odds.ts), the prior made from all comments of the period (passives too).
// Pure and deterministic: the same comments in the same order give the same themes.
import { classify } from "../nps.ts";
import type { Period } from "../periods.ts";
import type { Lang } from "../language.ts";
import { weightedLogOdds } from "./log-odds.ts";
import { aliasStems, analyseComment, detectCommentLang, nameParts, type AnalysedComment } from "./text.ts";
import { quoteAround } from "./quotes.ts";

export { detectCommentLang } from "./text.ts";

export interface ThemeComment {
  score: number;
  /** already redacted (src/core/redaction.ts) */
  text: string;
  /** the answer's language when the survey said it; else detected */
  language: Lang | null;
  customerName: string | null;
}

export interface ThemeOptions {
  defaultLang: Lang;
  /** term → canonical word ("regning" → "faktura"), applied before counting */
  aliases?: Record<string, string>;
  /** names of people Kundepuls knows (employees): never a theme */
  knownNames?: string[];
  /** comments each side needs before themes are looked for */
  minComments?: number;
  /** themes per side at most */
  maxThemes?: number;
  /** how far a term must lean to one side */
  minZ?: number;
  /** comments on its side a theme must be mentioned in */
  minMentions?: number;
  /** α0 as a share of all term counts of the period (see log-odds.ts) */
  priorShare?: number;
}

import { THEME_DEFAULTS } from "./defaults.ts";

export { THEME_DEFAULTS };

export interface Theme {
  /** stem or two stems: stable identity of the theme */
  key: string;
  /** the most frequent way customers wrote it */
  label: string;
  /** comments on this side mentioning it */
  count: number;
  /** comments on the other side mentioning it */
  otherCount: number;
  /** weighted log-odds z-score, rounded to 2 decimals; positive = this side */
  z: number;
  /** one or two short redacted sentences around a mention */
  quotes: string[];
}

export type ThemesResult =
  | { kind: "tooFew"; detractorComments: number; promoterComments: number; minimum: number }
  | { kind: "themes"; detractorComments: number; promoterComments: number; minimum: number; detractors: Theme[]; promoters: Theme[] };

/** The themes of one period and scope, as a service reports them. */
export interface ThemeReport {
  period: Period;
  /** null: all teams */
  team: { slug: string; name: string } | null;
  /** answers with a comment in the period (passives included) */
  comments: number;
  result: ThemesResult;
}

interface Analysed extends AnalysedComment {
  side: "detractor" | "promoter" | "passive";
  /** term key → the first mention: sentence index and offset in it */
  firstSentence: Map<string, { sentence: number; at: number }>;
}

function analyseAll(comments: ThemeComment[], opts: ThemeOptions): Analysed[] {
  const known = opts.knownNames ?? [];
  const aliases = { da: aliasStems(opts.aliases ?? {}, "da"), en: aliasStems(opts.aliases ?? {}, "en") };
  const out: Analysed[] = [];
  for (const c of comments) {
    if (c.text.trim() === "") continue;
    const lang = c.language ?? detectCommentLang(c.text, opts.defaultLang);
    const names = nameParts(c.customerName ? [...known, c.customerName] : known);
    const analysed = analyseComment(c.text, { lang, names, aliases: aliases[lang] });
    const firstSentence: Analysed["firstSentence"] = new Map();
    for (const h of analysed.hits) if (!firstSentence.has(h.key)) firstSentence.set(h.key, { sentence: h.sentence, at: h.at });
    out.push({ ...analysed, side: classify(c.score), firstSentence });
  }
  return out;
}

function countBy(comments: Analysed[], side: Analysed["side"] | null): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of comments) {
    if (side !== null && c.side !== side) continue;
    for (const key of c.firstSentence.keys()) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The most frequent surface form; ties go to the alphabetically first, so labels are stable. */
function labels(comments: Analysed[]): Map<string, string> {
  const forms = new Map<string, Map<string, number>>();
  for (const c of comments)
    for (const h of c.hits) {
      const byForm = forms.get(h.key) ?? new Map<string, number>();
      byForm.set(h.surface, (byForm.get(h.surface) ?? 0) + 1);
      forms.set(h.key, byForm);
    }
  const out = new Map<string, string>();
  for (const [key, byForm] of forms) {
    const best = [...byForm].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))[0]!;
    out.set(key, best[0]);
  }
  return out;
}

/** Comments of one side mentioning the term, in input order. */
function mentioning(comments: Analysed[], side: Analysed["side"], key: string): Analysed[] {
  return comments.filter((c) => c.side === side && c.firstSentence.has(key));
}

/** A phrase and its word (or two overlapping phrases) that cover mostly the same comments are one theme. */
function overlapsChosen(key: string, covered: Set<Analysed>, chosen: { key: string; comments: Set<Analysed> }[]): boolean {
  const stems = key.split(" ");
  for (const c of chosen) {
    if (!c.key.split(" ").some((s) => stems.includes(s))) continue;
    let shared = 0;
    for (const comment of covered) if (c.comments.has(comment)) shared++;
    if (shared >= 0.6 * covered.size) return true;
  }
  return false;
}

function pickSide(all: Analysed[], side: "detractor" | "promoter", scored: Map<string, { z: number }>, counts: { mine: Map<string, number>; other: Map<string, number> }, label: Map<string, string>, opts: Required<Omit<ThemeOptions, "aliases" | "knownNames" | "defaultLang">>): Theme[] {
  const sign = side === "detractor" ? 1 : -1;
  const candidates: Candidate[] = [...scored]
    .map(([key, s]) => ({ key, z: sign * s.z, count: counts.mine.get(key) ?? 0 }))
    .filter((c) => c.z >= opts.minZ && c.count >= opts.minMentions)
    .sort(strongestFirst);
  const chosen: { key: string; comments: Set<Analysed> }[] = [];
  const themes: Theme[] = [];
  for (const candidate of candidates) {
    if (themes.length >= opts.maxThemes) break;
    const c = asPhrase(candidate, candidates);
    const comments = mentioning(all, side, c.key);
    const covered = new Set(comments);
    if (overlapsChosen(c.key, covered, chosen)) continue;
    chosen.push({ key: c.key, comments: covered });
    themes.push({ key: c.key, label: label.get(c.key) ?? c.key, count: c.count, otherCount: counts.other.get(c.key) ?? 0, z: Math.round(c.z * 100) / 100, quotes: quotesFor(comments, c.key) });
  }
  // A word shown as its phrase carries the phrase's z: order by what is shown.
  return themes.sort(strongestFirst);
}

type Candidate = { key: string; z: number; count: number };

/** Stable: strongest lean first, then more mentions, then the key. */
function strongestFirst(x: Candidate, y: Candidate): number {
  return y.z - x.z || y.count - x.count || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0);
}

/**
 * A word that customers mostly use in one phrase is shown as that phrase ("tilbage" in "ringede
 * tilbage"): the phrase among the candidates with the most mentions, if it has ≥ 60 % of the word's.
 */
function asPhrase(word: Candidate, candidates: Candidate[]): Candidate {
  if (word.key.includes(" ")) return word;
  let best: Candidate | null = null;
  for (const c of candidates) {
    if (!c.key.split(" ").includes(word.key) || c.key === word.key || c.count < 0.6 * word.count) continue;
    if (!best || c.count > best.count) best = c; // candidates are sorted, so ties keep the stronger one
  }
  return best ?? word;
}

/** Two quotes at most, shortest sentences first (then input order), from different comments. */
function quotesFor(comments: Analysed[], key: string): string[] {
  const sentences = comments.map((c, i) => {
    const first = c.firstSentence.get(key)!;
    return { text: c.sentences[first.sentence]!, at: first.at, i };
  });
  sentences.sort((x, y) => x.text.length - y.text.length || x.i - y.i);
  const out: string[] = [];
  for (const s of sentences) {
    const quote = quoteAround(s.text, s.at);
    if (!out.includes(quote)) out.push(quote);
    if (out.length === 2) break;
  }
  return out;
}

export function findThemes(comments: ThemeComment[], options: ThemeOptions): ThemesResult {
  const opts = { ...THEME_DEFAULTS, ...stripUndefined(options) };
  const all = analyseAll(comments, options);
  const detractorComments = all.filter((c) => c.side === "detractor").length;
  const promoterComments = all.filter((c) => c.side === "promoter").length;
  if (detractorComments < opts.minComments || promoterComments < opts.minComments)
    return { kind: "tooFew", detractorComments, promoterComments, minimum: opts.minComments };
  const detractors = countBy(all, "detractor");
  const promoters = countBy(all, "promoter");
  const background = countBy(all, null);
  let total = 0;
  for (const n of background.values()) total += n;
  const scored = weightedLogOdds({ a: detractors, b: promoters, background, priorWeight: opts.priorShare * total });
  const label = labels(all);
  return {
    kind: "themes",
    detractorComments,
    promoterComments,
    minimum: opts.minComments,
    detractors: pickSide(all, "detractor", scored, { mine: detractors, other: promoters }, label, opts),
    promoters: pickSide(all, "promoter", scored, { mine: promoters, other: detractors }, label, opts),
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
