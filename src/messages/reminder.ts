// Reminder to the owner (not claimed in time) and escalation to the lead and alert channel.
import { formatAge } from "./age.ts";
import { buildAlert, type CaseView } from "./alert.ts";
import type { Message } from "./model.ts";
import type { Lang } from "../core/language.ts";

export function buildReminder(c: CaseView, kind: "reminder" | "escalation", lang: Lang, now: Date): Message {
  const age = formatAge(c.openedAt, now, lang);
  const intro =
    kind === "reminder"
      ? lang === "da" ? `Påmindelse: denne utilfredse kunde venter stadig (åbnet ${age}).` : `Reminder: this unhappy customer is still waiting (opened ${age}).`
      : lang === "da" ? `Eskalering: ingen har taget denne sag (åbnet ${age}).` : `Escalation: nobody has taken this case (opened ${age}).`;
  const alert = buildAlert(c, lang, now);
  return { kind, lang, summary: intro, blocks: [{ type: "text", text: intro, emphasis: "strong" }, ...alert.blocks] };
}
