// Comment text → the terms a theme can be made of: stemmed words and two-word phrases, without
// stop words, redaction markers and personal names. Stemmers (Snowball) and stop lists come from
// packages, so Danish and English are treated the same well-known way.
import snowball from "snowball-stemmers";
import stopword from "stopword";
import { PLACEHOLDERS } from "../redaction.ts";
import type { Lang } from "../language.ts";

const STOP_LISTS: Record<Lang, string[]> = { da: stopword.dan ?? [], en: stopword.eng ?? [] };
// Negations are stop words in the lists, but in feedback they carry the complaint
// ("ingen ringede tilbage", "never called back"), so they stay in phrases — only there: alone,
// "ikke" says nothing about what was wrong.
const NEGATIONS = new Set(["ikke", "ingen", "intet", "aldrig", "not", "no", "never", "nobody", "nothing"]);
const STOP_WORDS: Record<Lang, Set<string>> = {
  da: new Set(STOP_LISTS.da.filter((w) => !NEGATIONS.has(w))),
  en: new Set(STOP_LISTS.en.filter((w) => !NEGATIONS.has(w))),
};
const DETECT_WORDS: Record<Lang, Set<string>> = { da: new Set(STOP_LISTS.da), en: new Set(STOP_LISTS.en) };
const STEMMERS: Record<Lang, { stem(word: string): string }> = {
  da: snowball.newStemmer("danish"),
  en: snowball.newStemmer("english"),
};

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** Every marker redaction.ts writes, in either language, read from its one list. */
const MARKER_RE = new RegExp(
  [...new Set(Object.values(PLACEHOLDERS).flatMap((byKind) => Object.values(byKind)))].map(escapeRe).join("|"),
  "giu",
);
const WORD_RE = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
const SENTENCE_RE = /[^.!?\n]+[.!?]*/gu;
// A phrase never spans a clause break: punctuation inside a sentence or a removed marker.
const CLAUSE_BREAK_RE = /[,;:()"“”«»|]|\s[-–—]\s|\u0000/u;

/** Lower case, NFC, and æ/ø/å spelt out, so "Soeren" and "Søren" are one name. */
export function foldName(word: string): string {
  return word.normalize("NFC").toLowerCase().replace(/æ/g, "ae").replace(/ø/g, "oe").replace(/å/g, "aa").replace(/['’]s$/, "");
}

/** The name parts (≥ 2 letters) of the given names, folded for comparison. */
export function nameParts(names: Iterable<string>): Set<string> {
  const parts = new Set<string>();
  for (const name of names) for (const m of name.matchAll(WORD_RE)) if (m[0].length >= 2) parts.add(foldName(m[0]));
  return parts;
}

function isName(word: string, names: Set<string>): boolean {
  if (names.size === 0) return false;
  const folded = foldName(word);
  // A genitive "Sørens" is the name too.
  return names.has(folded) || (folded.endsWith("s") && names.has(folded.slice(0, -1)));
}

/** The language with more of its stop words in the text; æ/ø/å decide a tie, else the fallback. */
export function detectCommentLang(text: string, fallback: Lang): Lang {
  let da = 0;
  let en = 0;
  for (const m of text.toLowerCase().matchAll(WORD_RE)) {
    if (DETECT_WORDS.da.has(m[0])) da++;
    if (DETECT_WORDS.en.has(m[0])) en++;
  }
  if (da !== en) return da > en ? "da" : "en";
  return /[æøå]/iu.test(text) ? "da" : fallback;
}

/** One appearance of a term in a comment: its key, how it was written, the sentence it is in. */
export interface TermHit {
  /** stem, or two stems joined by a space */
  key: string;
  /** the words as written (lower case), or the canonical word where an alias replaced one */
  surface: string;
  sentence: number;
  /** where in that sentence the term starts */
  at: number;
}

export interface AnalysedComment {
  sentences: string[];
  hits: TermHit[];
}

export interface TextOptions {
  lang: Lang;
  /** folded name parts to leave out (nameParts) */
  names: Set<string>;
  /** stem → canonical word, per language (aliasStems) */
  aliases: Map<string, string>;
}

/** Stems the alias terms: "regning" → "faktura" then also catches "regningen" and "regninger". */
export function aliasStems(aliases: Record<string, string>, lang: Lang): Map<string, string> {
  const stems = new Map<string, string>();
  for (const term of Object.keys(aliases).sort()) stems.set(STEMMERS[lang].stem(term.toLowerCase()), aliases[term]!.toLowerCase());
  return stems;
}

interface Word {
  stem: string;
  surface: string;
}

function word(raw: string, opts: TextOptions): Word | null {
  const lower = raw.toLowerCase();
  if (!/\p{L}/u.test(lower) || lower.length < 2) return null;
  if (STOP_WORDS[opts.lang].has(lower) || isName(raw, opts.names)) return null;
  const stem = STEMMERS[opts.lang].stem(lower);
  const canonical = opts.aliases.get(stem);
  if (canonical !== undefined) return { stem: STEMMERS[opts.lang].stem(canonical), surface: canonical };
  return { stem, surface: lower };
}

/** Splits a redacted comment into sentences and finds its words and two-word phrases. */
export function analyseComment(text: string, opts: TextOptions): AnalysedComment {
  const original = text.normalize("NFC");
  // Same length, so sentence offsets in `clean` are offsets in the original too.
  const clean = original.replace(MARKER_RE, (marker) => "\u0000".repeat(marker.length));
  const sentences: string[] = [];
  const hits: TermHit[] = [];
  for (const m of clean.matchAll(SENTENCE_RE)) {
    const start = m.index + (m[0].length - m[0].trimStart().length);
    const sentence = m[0].trim();
    if (!/[\p{L}\p{N}]/u.test(sentence)) continue;
    const index = sentences.length;
    // Quotes show the redacted text as it was, markers included.
    sentences.push(original.slice(start, start + sentence.length));
    // Words of the sentence in order; a removed word (stop word, name) joins its neighbours into
    // a phrase, punctuation or a marker between them does not.
    let previous: (Word & { at: number }) | null = null;
    let from = 0;
    for (const w of sentence.matchAll(WORD_RE)) {
      const at = w.index;
      if (CLAUSE_BREAK_RE.test(sentence.slice(from, at))) previous = null;
      from = at + w[0].length;
      const found = word(w[0], opts);
      if (!found) continue;
      if (!NEGATIONS.has(w[0].toLowerCase())) hits.push({ key: found.stem, surface: found.surface, sentence: index, at });
      if (previous && previous.stem !== found.stem)
        hits.push({ key: `${previous.stem} ${found.stem}`, surface: `${previous.surface} ${found.surface}`, sentence: index, at: previous.at });
      previous = { ...found, at };
    }
  }
  return { sentences, hits };
}
