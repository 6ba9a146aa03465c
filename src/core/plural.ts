// The one place that knows Danish and English plurals: "1 nyt svar" / "2 nye svar",
// "1 kritiker" / "2 kritikere", "1 answer" / "2 answers". Zero takes the plural in both languages.
import type { Lang } from "./language.ts";

/** [one, many] per language */
const WORDS = {
  answer: { da: ["svar", "svar"], en: ["answer", "answers"] },
  newAnswer: { da: ["nyt svar", "nye svar"], en: ["new answer", "new answers"] },
  promoter: { da: ["anbefaler", "anbefalere"], en: ["promoter", "promoters"] },
  passive: { da: ["passiv", "passive"], en: ["passive", "passives"] },
  detractor: { da: ["kritiker", "kritikere"], en: ["detractor", "detractors"] },
  case: { da: ["sag", "sager"], en: ["case", "cases"] },
  openCase: { da: ["åben sag", "åbne sager"], en: ["open case", "open cases"] },
  team: { da: ["team", "teams"], en: ["team", "teams"] },
  point: { da: ["point", "point"], en: ["point", "points"] },
  hour: { da: ["time", "timer"], en: ["hour", "hours"] },
  day: { da: ["dag", "dage"], en: ["day", "days"] },
  more: { da: ["mere", "flere"], en: ["more", "more"] },
  row: { da: ["række", "rækker"], en: ["row", "rows"] },
  invalidRow: { da: ["ugyldig række", "ugyldige rækker"], en: ["invalid row", "invalid rows"] },
  message: { da: ["besked", "beskeder"], en: ["message", "messages"] },
  story: { da: ["historie", "historier"], en: ["story", "stories"] },
  chatMessage: { da: ["chatbesked", "chatbeskeder"], en: ["chat message", "chat messages"] },
  waitingMessage: { da: ["ventende besked", "ventende beskeder"], en: ["waiting message", "waiting messages"] },
  handledDelivery: { da: ["håndteret levering", "håndterede leveringer"], en: ["handled delivery", "handled deliveries"] },
  jobRun: { da: ["jobkørsel", "jobkørsler"], en: ["job run", "job runs"] },
  messagePayload: { da: ["beskedindhold", "beskedindhold"], en: ["message payload", "message payloads"] },
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
