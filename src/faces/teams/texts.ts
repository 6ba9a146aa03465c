// The few texts only the Teams transport needs (when something fails before a service could
// answer, form checks on a card; the help, Teams commands included, is src/messages/help.ts). Everything the bot says
// about NPS, cases, stories and channels is built in src/messages/.
import type { Message } from "../../messages/model.ts";
import type { Lang } from "../../core/language.ts";

const TEXTS = {
  failed: {
    da: "Beklager, det gik galt her hos mig. Prøv igen om lidt.",
    en: "Sorry, something went wrong on my side. Please try again in a moment.",
  },
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
  required: { da: "Skal udfyldes.", en: "Required." },
  choose: { da: "Vælg en af mulighederne.", en: "Choose one of the options." },
} as const;

export type TeamsTextKey = keyof typeof TEXTS;

export function teamsText(key: TeamsTextKey, lang: Lang): string {
  return TEXTS[key][lang];
}

export function teamsNotice(key: TeamsTextKey, lang: Lang): Message {
  const text = teamsText(key, lang);
  return { kind: "notice", lang, summary: text, blocks: [{ type: "text", text }] };
}

export function tooLongText(max: number, lang: Lang): string {
  return lang === "da" ? `Højst ${max} tegn.` : `At most ${max} characters.`;
}

/** "Sag #42" above the resolve form when it is shown on its own card. */
export function caseLabel(caseId: string, lang: Lang): string {
  return lang === "da" ? `Sag #${caseId}` : `Case #${caseId}`;
}
