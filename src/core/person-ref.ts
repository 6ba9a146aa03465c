// PERSON, wherever a person is named (CLI and chat): an e-mail, a Slack user id ("U0123",
// "slack:U0123", or a <@U0123> mention) or a Teams user ("teams:<AAD object id>").
export type PersonRef = { email: string } | { slackUserId: string } | { teamsUserId: string };

import type { Texts } from "./language.ts";

export const PERSON_HELP: Texts = {
  da: "en e-mail, et Slack-bruger-id (U0123 eller slack:U0123) eller teams:<AAD-objekt-id>",
  en: "an e-mail, a Slack user id (U0123 or slack:U0123) or teams:<AAD object id>",
};

/** A reference, or an error text in both languages naming what was given. */
export function parsePersonRef(text: string): PersonRef | Texts {
  const t = text.trim();
  const slack = /^(?:slack:|<@)?([UW][A-Z0-9]{2,})(?:\|[^>]*)?>?$/i.exec(t);
  if (slack && (t.startsWith("<@") === t.endsWith(">"))) return { slackUserId: slack[1]!.toUpperCase() };
  if (/^teams:[0-9a-f-]{8,}$/i.test(t)) return { teamsUserId: t.slice(6).toLowerCase() };
  if (/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(t)) return { email: t.toLowerCase() };
  return { da: `"${text}" er ikke en person: angiv ${PERSON_HELP.da}`, en: `"${text}" is not a person: give ${PERSON_HELP.en}` };
}

/** How a reference is written back ("slack:U0123"), e.g. in the audit trail. */
export function personRefText(ref: PersonRef): string {
  if ("email" in ref) return ref.email;
  if ("slackUserId" in ref) return `slack:${ref.slackUserId}`;
  return `teams:${ref.teamsUserId}`;
}
