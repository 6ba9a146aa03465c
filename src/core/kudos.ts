/**
 * Kudos: which members of the answer's team a promoter's (already redacted) comment names.
 *
 * Never a guess. A member is thanked when the comment writes
 *  - their full name, or their first and last name ("Jens Hansen" for "Jens Peter Hansen"),
 *  - their first name and the initial of their last name ("Søren H." or "Søren H"), or
 *  - their first name alone, when no other member of the team has that word as first or last name.
 * A last name alone never counts ("Hansen" is half of Denmark). Words compare without case and
 * with Danish letters spelt out (æ/ä = ae, ø/ö = oe, å = aa, é = e …); a genitive "Sørens" or
 * "Søren's" is Søren. Names inside redaction markers ("(navn fjernet)") are not names. A first
 * name that is also an ordinary word ("Per", "Hans", "Will": stop words and the name-words
 * redaction knows) counts alone only when written with a capital letter and not as the first
 * word of a sentence ("Tak til Per" yes, "Per telefon" no; written in full it always counts).
 */
import stopword from "stopword";
import { COMMON_WORDS, PLACEHOLDERS } from "./redaction.ts";

export interface TeamMember {
  personId: number;
  /** the full name as Kundepuls knows it */
  name: string;
}

export interface Thanked {
  personId: number;
  /** where the comment names them: [start, end) in the comment as given */
  spans: [number, number][];
}

const ORDINARY_WORDS = new Set([...(stopword.dan ?? []), ...(stopword.eng ?? []), ...COMMON_WORDS].map((w) => fold(w)));
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const MARKER_RE = new RegExp([...new Set(Object.values(PLACEHOLDERS).flatMap((byKind) => Object.values(byKind)))].map(escapeRe).join("|"), "giu");
/** a word: letters, with inner hyphens ("Anne-Marie") and a genitive "'s" */
const WORD_RE = /\p{L}[\p{L}\p{M}]*(?:-\p{L}[\p{L}\p{M}]*)*(?:['’]s)?/gu;

/** Lower case, Danish letters spelt out, other accents dropped: "Søren" = "soeren" = "Sören". */
export function fold(word: string): string {
  return word
    .normalize("NFC")
    .toLowerCase()
    .replace(/[æä]/g, "ae")
    .replace(/[øö]/g, "oe")
    .replace(/å/g, "aa")
    .replace(/ü/g, "ue")
    .normalize("NFD")
    .replace(/\p{M}/gu, "");
}

interface Word {
  folded: string;
  /** without a genitive s ("sorens" → "soren"), or null */
  bare: string | null;
  start: number;
  end: number;
  capitalised: boolean;
  sentenceStart: boolean;
  /** the next word, when only spaces come between (a name is one run of words) */
  next?: Word;
}

function words(comment: string): Word[] {
  // Markers are blanked out, not removed, so spans stay positions in the comment as given.
  const text = comment.replace(MARKER_RE, (m) => " ".repeat(m.length));
  const out: Word[] = [];
  for (const m of text.matchAll(WORD_RE)) {
    const raw = m[0].replace(/['’]s$/, "");
    const folded = fold(raw);
    // What comes before, without spaces (a long run of spaces is a blanked marker: not a sentence end).
    const before = text.slice(Math.max(0, m.index! - 200), m.index).trimEnd();
    out.push({
      folded,
      bare: m[0].length > raw.length ? null : folded.endsWith("s") && folded.length > 2 ? folded.slice(0, -1) : null,
      start: m.index!,
      end: m.index! + m[0].length,
      capitalised: raw[0] !== raw[0]!.toLowerCase(),
      sentenceStart: (before === "" && m.index! <= 200) || /[.!?:\n]$/.test(before),
    });
  }
  // Consecutive words: only spaces between (a name is not split by a comma or a full stop).
  for (let i = 0; i + 1 < out.length; i++) if (/^[ \t]+$/.test(text.slice(out[i]!.end, out[i + 1]!.start))) out[i]!.next = out[i + 1];
  return out;
}

/** The word is this name part; the last word of a name may be a genitive ("Sørens"). */
const is = (w: Word, part: string, lastOfName: boolean) => w.folded === part || (lastOfName && w.bare === part);

interface Known {
  personId: number;
  parts: string[];
  first: string;
  last: string | null;
}

/** Where `parts` are written one after the other (the last may carry a genitive s). */
function sequences(list: Word[], parts: string[]): [number, number][] {
  const spans: [number, number][] = [];
  for (const w of list) {
    let at: Word | undefined = w;
    let end = w.end;
    let ok = true;
    for (let i = 0; i < parts.length; i++) {
      if (!at || !is(at, parts[i]!, i === parts.length - 1)) {
        ok = false;
        break;
      }
      end = at.end;
      at = at.next;
    }
    if (ok) spans.push([w.start, end]);
  }
  return spans;
}

/** The members the comment thanks, in the order it first names them (then by person id). */
export function findThanked(comment: string, members: TeamMember[]): Thanked[] {
  const list = words(comment);
  const known: Known[] = members
    .map((m) => {
      const parts = [...m.name.matchAll(WORD_RE)].map((x) => fold(x[0]));
      return { personId: m.personId, parts, first: parts[0] ?? "", last: parts.length > 1 ? parts[parts.length - 1]! : null };
    })
    .filter((k) => k.first.length >= 2);
  // One person listed twice (two team sources) is still one person.
  const byId = new Map(known.map((k) => [k.personId, k]));
  const people = [...byId.values()];
  const firstCount = new Map<string, number>();
  for (const k of people) firstCount.set(k.first, (firstCount.get(k.first) ?? 0) + 1);
  const found = new Map<number, [number, number][]>();
  const taken: [number, number][] = [];
  const overlaps = (s: [number, number]) => taken.some(([a, b]) => s[0] < b && a < s[1]);
  const add = (personId: number, spans: [number, number][]) => {
    const fresh = spans.filter((s) => !overlaps(s));
    if (fresh.length === 0) return;
    taken.push(...fresh);
    found.set(personId, [...(found.get(personId) ?? []), ...fresh]);
  };
  // Longest first: a full name takes its words before a first name alone could.
  for (const k of [...people].sort((a, b) => b.parts.length - a.parts.length || a.personId - b.personId)) add(k.personId, sequences(list, k.parts));
  for (const k of people) if (k.last && k.parts.length > 2) add(k.personId, sequences(list, [k.first, k.last]));
  // "Søren H.": a capital initial and a full stop; it must tell the members called Søren apart.
  for (const k of people) {
    if (!k.last || people.filter((o) => o.first === k.first && o.last?.[0] === k.last![0]).length !== 1) continue;
    const initial = (w: Word) => w.end - w.start === 1 && w.capitalised && w.folded === k.last![0] && comment[w.end] === ".";
    const spans = list.filter((w) => w.folded === k.first && w.next && initial(w.next)).map((w) => [w.start, w.next!.end + 1] as [number, number]);
    add(k.personId, spans);
  }
  // A first name alone: only when nobody else in the team could be meant.
  for (const k of people) {
    if (firstCount.get(k.first) !== 1 || people.some((o) => o.personId !== k.personId && o.last === k.first)) continue;
    const ordinary = ORDINARY_WORDS.has(k.first);
    const spans = list
      .filter((w) => is(w, k.first, true) && (!ordinary || (w.capitalised && !w.sentenceStart)))
      .map((w) => [w.start, w.end] as [number, number]);
    add(k.personId, spans);
  }
  return [...found.entries()]
    .map(([personId, spans]) => ({ personId, spans: spans.sort((a, b) => a[0] - b[0]) }))
    .sort((a, b) => a.spans[0]![0] - b.spans[0]![0] || a.personId - b.personId);
}

/**
 * The comment with the names of these people replaced (an opted-out colleague is never named in a
 * story post): each span becomes `replacement` ("en kollega").
 */
export function withoutNames(comment: string, thanked: Thanked[], personIds: Set<number>, replacement: string): string {
  const spans = thanked.filter((t) => personIds.has(t.personId)).flatMap((t) => t.spans).sort((a, b) => b[0] - a[0]);
  let out = comment;
  for (const [start, end] of spans) out = out.slice(0, start) + replacement + out.slice(end);
  return out;
}
