// The few texts only the Teams transport needs (a button that no longer works, the problem line
// of a form card; the help, Teams commands included, is src/messages/help.ts). The apology and
// the form field checks both faces say are src/messages/face-texts.ts; everything the bot says
// about NPS, cases, stories and channels is built in src/messages/.
import { apologyText } from "../../messages/face-texts.ts";
import type { Lang, Message } from "../../messages/model.ts";
import { buildNotice } from "../../messages/notice.ts";

const TEXTS = {
  staleButton: {
    da: "Den knap virker ikke længere. Skriv hjælp for at se, hvad du kan spørge om.",
    en: "That button no longer works. Type help to see what you can ask.",
  },
  pickPerson: {
    da: "Vælg først en person i feltet over knapperne, og tryk så Giv videre.",
    en: "First choose a person in the field above the buttons, then press Hand over.",
  },
  homeInPersonalChat: {
    da: "Dit overblik vises kun i din personlige chat med Kundepuls: skriv overblik dér.",
    en: "Your overview is shown only in your personal chat with Kundepuls: type home there.",
  },
  formProblem: {
    da: "Formularen er ikke udfyldt helt – ret felterne herunder og send igen. Intet er ændret.",
    en: "The form is not complete – fix the fields below and send it again. Nothing was changed.",
  },
} as const;

export type TeamsTextKey = keyof typeof TEXTS;

export function teamsText(key: TeamsTextKey, lang: Lang): string {
  return TEXTS[key][lang];
}

export function teamsNotice(key: TeamsTextKey, lang: Lang): Message {
  return buildNotice(lang, teamsText(key, lang));
}

/** Something failed before a service could answer: a polite line instead of silence. */
export function apologyNotice(lang: Lang): Message {
  return buildNotice(lang, apologyText(lang, "teams"));
}

/** "Sag #42" above the resolve form when it is shown on its own card. */
export function caseLabel(caseId: string, lang: Lang): string {
  return lang === "da" ? `Sag #${caseId}` : `Case #${caseId}`;
}
