// "My Kundepuls": the Slack App Home tab and the Teams personal card — my open detractor
// cases, my team's goal and progress, this month's NPS. Every figure names its window.
import { caseIdText } from "../core/case-id.ts";
import type { NpsFigures } from "../core/nps.ts";
import { formatAge } from "./age.ts";
import type { CaseView } from "./alert.ts";
import { formatFigure } from "./figures.ts";
import { formatGoal, type GoalLine } from "./goal.ts";
import type { Block, Lang, Message } from "./model.ts";
import { truncate } from "./model.ts";

type Figures = Pick<NpsFigures, "nps" | "marginOfError" | "responses">;

export interface HomeView {
  personName: string | null;
  /** false: the chat user is not linked to a person Kundepuls knows, so it has no cases to show */
  known: boolean;
  openCases: CaseView[];
  /** "december 2026 (1.–7.)": the running month, named as partial */
  monthLabel: string;
  minResponses: number;
  teams: { slug: string; name: string; goal: GoalLine | null; month: Figures }[];
  company: Figures;
}

const MAX_CASES = 10;

export function buildHome(v: HomeView, lang: Lang, now: Date, timeZone: string): Message {
  const da = lang === "da";
  const blocks: Block[] = [
    { type: "header", text: da ? `Kundepuls${v.personName ? ` – hej ${v.personName}` : ""}` : `Kundepuls${v.personName ? ` – hi ${v.personName}` : ""}` },
    { type: "facts", facts: [{ label: `NPS ${v.monthLabel}`, value: formatFigure(v.company, v.minResponses, lang) }] },
    { type: "divider" },
    { type: "text", text: da ? "Mine åbne sager" : "My open cases", emphasis: "strong" },
  ];
  if (!v.known) {
    const text = da
      ? "Jeg kender dig ikke endnu, så jeg kan ikke vise dine sager. Bed en administrator knytte din konto til din e-mail i Kundepuls."
      : "I do not know you yet, so I cannot show your cases. Ask an admin to link your account to your e-mail in Kundepuls.";
    blocks.push({ type: "text", text, emphasis: "muted" });
  } else if (v.openCases.length === 0) blocks.push({ type: "text", text: da ? "Ingen – godt gået! 🎉" : "None – well done! 🎉", emphasis: "muted" });
  for (const c of v.openCases.slice(0, MAX_CASES)) {
    const who = [c.customerName, c.customerAccount].filter(Boolean).join(" · ") || (da ? "ukendt kunde" : "unknown customer");
    const state = c.state === "claimed" ? (da ? " · i gang" : " · in progress") : "";
    blocks.push({ type: "text", text: `#${c.id} · ${c.score}/10 · ${who}${c.team ? ` · ${c.team.name}` : ""} · ${formatAge(c.openedAt, now, lang)}${state}${c.comment ? `\n"${truncate(c.comment, 200)}"` : ""}` });
    blocks.push({
      type: "actions",
      actions: [
        ...(c.state === "open" ? [{ kind: "button" as const, id: "case.claim", label: da ? "Jeg tager den" : "I'll take it", value: caseIdText(c.id), style: "primary" as const }] : []),
        { kind: "button", id: "case.resolve", label: da ? "Løst" : "Resolved", value: caseIdText(c.id) },
      ],
    });
  }
  if (v.openCases.length > MAX_CASES) blocks.push({ type: "context", text: da ? `… og ${v.openCases.length - MAX_CASES} flere (/nps sager)` : `… and ${v.openCases.length - MAX_CASES} more (/nps cases)` });
  for (const t of v.teams) {
    blocks.push({ type: "divider" });
    blocks.push({
      type: "facts",
      facts: [
        { label: `${t.name}: NPS ${v.monthLabel}`, value: formatFigure(t.month, v.minResponses, lang) },
        { label: da ? "Mål" : "Goal", value: t.goal ? formatGoal(t.goal, lang, timeZone) : da ? `intet mål endnu – sæt et med /nps mål ${t.slug} 45 2027-11-30` : `no goal yet – set one with /nps goal ${t.slug} 45 2027-11-30` },
      ],
    });
  }
  return { kind: "home", lang, summary: da ? "Kundepuls – dit overblik" : "Kundepuls – your overview", blocks };
}
