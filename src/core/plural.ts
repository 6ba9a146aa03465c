// The one place that knows Danish and English plurals: "1 nyt svar" / "2 nye svar",
// "1 kritiker" / "2 kritikere", "1 answer" / "2 answers". Zero takes the plural in both languages.
import type { Lang } from "./periods.ts";

/** [one, many] per language */
const WORDS = {
  answer: { da: ["svar", "svar"], en: ["answer", "answers"] },
  newAnswer: { da: ["nyt svar", "nye svar"], en: ["new answer", "new answers"] },
  promoter: { da: ["anbefaler", "anbefalere"], en: ["promoter", "promoters"] },
  passive: { da: ["passiv", "passive"], en: ["passive", "passives"] },
  detractor: { da: ["kritiker", "kritikere"], en: ["detractor", "detractors"] },
  case: { da: ["sag", "sager"], en: ["case", "cases"] },
  openCase: { da: ["åben sag", "åbne sager"], en: ["open case", "open cases"] },
  point: { da: ["point", "point"], en: ["point", "points"] },
  hour: { da: ["time", "timer"], en: ["hour", "hours"] },
  day: { da: ["dag", "dage"], en: ["day", "days"] },
  more: { da: ["mere", "flere"], en: ["more", "more"] },
} as const satisfies Record<string, Record<Lang, readonly [string, string]>>;

export type Countable = keyof typeof WORDS;

/** The word alone, in the form `n` takes ("kritiker" for 1, "kritikere" for 0 and 2). */
export function pluralWord(word: Countable, n: number, lang: Lang): string {
  return WORDS[word][lang][Math.abs(n) === 1 ? 0 : 1];
}

const grouping = { da: new Intl.NumberFormat("da-DK"), en: new Intl.NumberFormat("en-GB") };

/** "1 nyt svar", "2 nye svar", "1.234 svar" / "1,234 answers". */
export function countOf(n: number, word: Countable, lang: Lang): string {
  return `${grouping[lang].format(n)} ${pluralWord(word, n, lang)}`;
}
