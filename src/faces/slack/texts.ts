// The few things only the Slack face says (they name Slack's own commands), in both languages.
// Everything else the bot says is built in src/messages and only drawn here; the apology and the
// form field checks both faces say are src/messages/face-texts.ts.
import { apologyText } from "../../messages/face-texts.ts";
import type { Lang, Message } from "../../messages/model.ts";

function oneLine(kind: string, lang: Lang, text: string): Message {
  return { kind, lang, summary: text, blocks: [{ type: "text", text }] };
}

/** Posted once when the bot is added to a channel that is not connected to a team yet. */
export function helloMessage(lang: Lang): Message {
  return oneLine(
    "slackHello",
    lang,
    lang === "da"
      ? "Hej! Jeg er Kundepuls. Skriv fx /nps forbind support opsummering alarmer (med jeres teams navn) for at få NPS i denne kanal, eller /nps hjælp."
      : "Hi! I am Kundepuls. Type for example /nps connect support digest alerts (with your team's name) to get NPS in this channel, or /nps help.",
  );
}

/** Something failed while answering a command: never leave the person in silence. */
export function apologyMessage(lang: Lang): Message {
  return oneLine("slackError", lang, apologyText(lang, "slack"));
}

/** The channel is connected, but the bot cannot join it by itself (a private channel). */
export function inviteMeMessage(lang: Lang): Message {
  return oneLine(
    "slackInviteMe",
    lang,
    lang === "da"
      ? "Jeg kan ikke selv gå ind i denne kanal. Inviter mig med /invite @Kundepuls, ellers kan jeg ikke skrive her."
      : "I cannot join this channel by myself. Invite me with /invite @Kundepuls, or I cannot post here.",
  );
}

/** Labels of a modal's close button: "cancel" on a form, "close" on a notice. */
export const MODAL_TEXT: Record<Lang, { cancel: string; close: string }> = {
  da: { cancel: "Annullér", close: "Luk" },
  en: { cancel: "Cancel", close: "Close" },
};

/** Above the inputs of the resolve modal: which case is being resolved. */
export function caseIntroMessage(caseId: number, lang: Lang): Message {
  return oneLine("slackCaseIntro", lang, lang === "da" ? `Sag #${caseId}: hvad blev gjort, og hvordan gik det?` : `Case #${caseId}: what was done, and how did it go?`);
}

/** A button whose case id cannot be read (a message from an old version, a tampered payload). */
export function staleButtonMessage(lang: Lang): Message {
  return oneLine(
    "slackStaleButton",
    lang,
    lang === "da" ? "Den knap virker ikke længere. Se dine sager med /nps sager." : "That button no longer works. See your cases with /nps cases.",
  );
}
