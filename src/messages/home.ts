// "My Kundepuls": the Slack App Home tab and the Teams personal card — my open detractor
// cases, my team's goal and progress, this month's NPS.
import { formatAge } from "./age.ts";
import type { CaseView } from "./alert.ts";
import { formatNpsValue, formatNumber } from "./format.ts";
import { formatGoal, type GoalLine } from "./goal.ts";
import type { Block, Lang, Message } from "./model.ts";
import { truncate } from "./model.ts";

export interface HomeView {
  personName: string | null;
  openCases: CaseView[];
  teams: { name: string; goal: GoalLine | null; monthNps: number | null; monthMargin: number | null; monthResponses: number }[];
  company: { monthLabel: string; nps: number | null; margin: number | null; responses: number };
}

const MAX_CASES = 10;

export function buildHome(v: HomeView, lang: Lang, now: Date, timeZone: string): Message {
  const da = lang === "da";
  const npsText = (nps: number | null, margin: number | null, n: number) =>
    nps === null ? (da ? "ingen svar endnu" : "no answers yet") : `${formatNpsValue(nps)} ±${formatNumber(margin ?? 0, lang)} (${formatNumber(n, lang)} ${da ? "svar" : "answers"})`;
  const blocks: Block[] = [
    { type: "header", text: da ? `Kundepuls${v.personName ? ` – hej ${v.personName}` : ""}` : `Kundepuls${v.personName ? ` – hi ${v.personName}` : ""}` },
    { type: "facts", facts: [{ label: da ? `NPS ${v.company.monthLabel}` : `NPS ${v.company.monthLabel}`, value: npsText(v.company.nps, v.company.margin, v.company.responses) }] },
    { type: "divider" },
    { type: "text", text: da ? "Mine åbne sager" : "My open cases", emphasis: "strong" },
  ];
  if (v.openCases.length === 0) blocks.push({ type: "text", text: da ? "Ingen – godt gået! 🎉" : "None – well done! 🎉", emphasis: "muted" });
  for (const c of v.openCases.slice(0, MAX_CASES)) {
    const who = [c.customerName, c.customerAccount].filter(Boolean).join(" · ") || (da ? "ukendt kunde" : "unknown customer");
    blocks.push({ type: "text", text: `#${c.id} · ${c.score}/10 · ${who}${c.team ? ` · ${c.team.name}` : ""} · ${formatAge(c.openedAt, now, lang)}${c.comment ? `\n"${truncate(c.comment, 200)}"` : ""}` });
    blocks.push({
      type: "actions",
      actions: [
        ...(c.state === "open" ? [{ kind: "button" as const, id: "case.claim", label: da ? "Jeg tager den" : "I'll take it", value: String(c.id), style: "primary" as const }] : []),
        { kind: "button", id: "case.resolve", label: da ? "Løst" : "Resolved", value: String(c.id) },
      ],
    });
  }
  if (v.openCases.length > MAX_CASES) blocks.push({ type: "context", text: da ? `… og ${v.openCases.length - MAX_CASES} flere (/nps sager)` : `… and ${v.openCases.length - MAX_CASES} more (/nps cases)` });
  for (const t of v.teams) {
    blocks.push({ type: "divider" });
    blocks.push({
      type: "facts",
      facts: [
        { label: da ? `${t.name}: NPS denne måned` : `${t.name}: NPS this month`, value: npsText(t.monthNps, t.monthMargin, t.monthResponses) },
        { label: da ? "Mål" : "Goal", value: t.goal ? formatGoal(t.goal, lang, timeZone) : da ? "intet mål endnu (/nps mål <team> 45 2027-11-30)" : "no goal yet (/nps goal <team> 45 2027-11-30)" },
      ],
    });
  }
  return { kind: "home", lang, summary: da ? "Kundepuls – dit overblik" : "Kundepuls – your overview", blocks };
}
