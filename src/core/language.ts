// Which language to answer in: the one the person typed in, else the workspace default.
// The rule: a reply is Danish when the words hold Danish command words (or æ, ø, å) and no
// English ones, English when they hold English ones and no Danish; mixed or neither → fallback.

/** The two languages Kundepuls speaks: every reply is in one of them. */
export type Lang = "da" | "en";
/** A text in both languages. */
export type Texts = Readonly<Record<Lang, string>>;

const DANISH = /\b(i dag|idag|i går|igår|denne|dette|sidste|seneste|måned|maaned|uge|kvartal|i år|dage|hjælp|hjaelp|del|forbind|afbryd|sager|mål|januar|februar|marts|maj|juni|juli|oktober)\b|[æøå]/iu;
const ENGLISH = /\b(today|yesterday|this|last|past|month|week|quarter|year|days|help|share|connect|disconnect|cases|goal|january|february|march|may|june|july|october)\b/i;

export function detectLang(text: string, fallback: Lang): Lang {
  const da = DANISH.test(text);
  const en = ENGLISH.test(text);
  if (da && !en) return "da";
  if (en && !da) return "en";
  return fallback;
}
