// One line about a team's loyalty goal, used in /nps answers, the digest and the home view.
// "now" is the last 30 days (GoalService); the forecast is there only when core/goals.ts allows.
import { formatDate, formatNpsValue } from "./format.ts";
import type { Lang } from "../core/language.ts";

import type { GoalLineData } from "../core/report.ts";

export type GoalLine = GoalLineData;

const STATUS = {
  da: { achieved: "nået ✅", on_track: "på vej ✅", at_risk: "i risiko ⚠️", off_track: "bagud ❌", unknown: "for lidt data" },
  en: { achieved: "achieved ✅", on_track: "on track ✅", at_risk: "at risk ⚠️", off_track: "off track ❌", unknown: "too little data" },
} as const;

/** "på vej ✅", "bagud ❌" … */
export function goalStatusText(status: GoalLine["status"], lang: Lang): string {
  return STATUS[lang][status];
}

export function goalLabel(lang: Lang): string {
  return lang === "da" ? "Mål" : "Goal";
}

export function formatGoal(g: GoalLine, lang: Lang, timeZone: string): string {
  const by = formatDate(g.dueAt, lang, timeZone);
  const elapsed = `${Math.round(g.elapsedShare * 100)} %`;
  const forecast = g.forecastNps === null ? "" : lang === "da" ? ` · prognose ${formatNpsValue(g.forecastNps)}` : ` · forecast ${formatNpsValue(g.forecastNps)}`;
  return lang === "da"
    ? `${formatNpsValue(g.targetNps)} inden ${by} · nu ${formatNpsValue(g.currentNps)} (seneste 30 dage)${forecast} · ${elapsed} af tiden gået · ${STATUS.da[g.status]}`
    : `${formatNpsValue(g.targetNps)} by ${by} · now ${formatNpsValue(g.currentNps)} (last 30 days)${forecast} · ${elapsed} of the time gone · ${STATUS.en[g.status]}`;
}
