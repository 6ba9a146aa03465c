// "/nps cases": the detractor cases of a team (or all), with the team's closing numbers.
import { formatAge } from "./age.ts";
import { stateText, type CaseView } from "./alert.ts";
import { countOf } from "../core/plural.ts";
import { formatNumber } from "./format.ts";
import type { Block, Message } from "./model.ts";
import type { Lang } from "../core/language.ts";
import { truncate } from "./model.ts";

import type { CaseStats } from "../core/cases.ts";
export type { CaseStats };

const SHOWN = 20;

export function buildCaseList(scope: string | null, cases: CaseView[], stats: CaseStats, lang: Lang, now: Date): Message {
  const da = lang === "da";
  const title = da ? `Sager om utilfredse kunder${scope ? ` – ${scope}` : ""}` : `Detractor cases${scope ? ` – ${scope}` : ""}`;
  const rate = stats.closingRate === null ? "–" : `${formatNumber(stats.closingRate * 100, lang)} %`;
  const median = stats.medianHoursToClaim === null ? "–" : `${formatNumber(stats.medianHoursToClaim, lang, 1)} ${da ? "timer" : "hours"}`;
  const blocks: Block[] = [
    { type: "header", text: title },
    {
      type: "facts",
      facts: [
        { label: da ? "Sager i alt" : "Cases in total", value: String(stats.total) },
        { label: da ? "Åbne" : "Open", value: stats.inProgress > 0 ? `${stats.open} (${stats.inProgress} ${da ? "i gang" : "in progress"})` : String(stats.open) },
        { label: da ? "Lukkeprocent" : "Closing rate", value: rate },
        { label: da ? "Median tid til nogen tog den" : "Median time to claim", value: median },
      ],
    },
  ];
  if (cases.length === 0) blocks.push({ type: "text", text: da ? "Ingen sager." : "No cases." });
  else {
    const lines = cases.slice(0, SHOWN).map((c) => {
      const who = [c.customerName, c.customerAccount].filter(Boolean).join(" · ") || (da ? "ukendt kunde" : "unknown customer");
      const comment = c.comment ? ` – "${truncate(c.comment, 80)}"` : "";
      return `#${c.id} ${c.score}/10 ${who}${c.team ? ` (${c.team.name})` : ""}, ${formatAge(c.openedAt, now, lang)}: ${stateText(c, lang)}${comment}`;
    });
    blocks.push({ type: "text", text: lines.join("\n") });
    if (cases.length > SHOWN) blocks.push({ type: "context", text: `… ${da ? "og" : "and"} ${countOf(cases.length - SHOWN, "more", lang)}` });
  }
  return { kind: "caseList", lang, summary: `${title}: ${countOf(stats.open, "openCase", lang)}`, blocks };
}
