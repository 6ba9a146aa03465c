// The report for management (/nps rapport, and the post on the first working day of the month):
// ONE chart first — NPS per team side by side — then the details a phone can scroll through: the
// company figure, every team (figure with margin, change with significance, goal), the company's
// themes, closing the loop and the kudos. Small samples are said as such everywhere; with many
// teams the chart and the list stop at MAX_TEAMS and say how many more there are.
import type { ClosedLoop } from "../core/closed-loop.ts";
import type { Period } from "../core/periods.ts";
import { countOf, pluralWord } from "../core/plural.ts";
import type { ThemeReport } from "../core/themes/index.ts";
import { changeLine, kudosBlocks, loopBlocks, teamFact, themeBlocks, type ReportFigures, type ReportKudos, type ReportTeamRow } from "./report-sections.ts";
import { formatFigure, withoutSharedYear } from "./figures.ts";
import { formatNpsValue } from "./format.ts";
import type { Block, Message } from "./model.ts";
import type { Lang } from "../core/language.ts";

export type { ReportFigures, ReportKudos, ReportTeamRow } from "./report-sections.ts";

export interface ReportView {
  period: Period;
  /** what the changes compare with: the month or quarter before */
  previousPeriod: Period;
  company: ReportFigures;
  /** every team, in any order (the builder sorts) */
  teams: ReportTeamRow[];
  /** the company's themes; null when they were not asked for */
  themes: ThemeReport | null;
  loop: ClosedLoop;
  /** most thanked first */
  kudos: ReportKudos[];
  minResponses: number;
}

/** Teams in the chart and in the list: Slack draws at most 20 bars, and a phone reads no more. */
export const MAX_TEAMS = 20;
/** Team facts per facts block (Slack: 10 fields per section). */
const FACTS_PER_BLOCK = 10;

const T = {
  da: {
    title: (kind: Period["kind"], label: string) => `${kind === "quarter" ? "Kvartalsrapport" : "Månedsrapport"} · ${label}`,
    chart: "NPS pr. team",
    company: "Hele firmaet",
    teams: "Team for team",
    tooFewNote: (min: number) => `* færre end ${countOf(min, "answer", "da")}: tallet er meget usikkert.`,
    noAnswers: (names: string) => `Ingen svar: ${names}.`,
    more: (n: number) => (n === 1 ? "og 1 team mere" : `og ${n} flere ${pluralWord("team", n, "da")}`),
    moreAll: "kundepuls report viser dem alle",
    how: "Usikkerhed er et 95 %-interval. En ændring er kun reel, når den er større end usikkerheden.",
  },
  en: {
    title: (kind: Period["kind"], label: string) => `${kind === "quarter" ? "Quarterly report" : "Monthly report"} · ${label}`,
    chart: "NPS per team",
    company: "The whole company",
    teams: "Team by team",
    tooFewNote: (min: number) => `* fewer than ${countOf(min, "answer", "en")}: the figure is very uncertain.`,
    noAnswers: (names: string) => `No answers: ${names}.`,
    more: (n: number) => `and ${n} more ${pluralWord("team", n, "en")}`,
    moreAll: "kundepuls report shows them all",
    how: "The margin is a 95 % interval. A change is only real when it is larger than the margin.",
  },
} as const;

/** Best NPS first; teams without answers last; then by name. */
function byNps(a: ReportTeamRow, b: ReportTeamRow): number {
  const x = a.figures.nps;
  const y = b.figures.nps;
  if (x === null || y === null) return (x === null ? 1 : 0) - (y === null ? 1 : 0) || a.team.name.localeCompare(b.team.name, "da");
  return y - x || a.team.name.localeCompare(b.team.name, "da");
}

export interface ReportOptions {
  /** teams in the chart and the list (the console shows every team) */
  maxTeams?: number;
}

export function buildReport(view: ReportView, lang: Lang, timeZone: string, options: ReportOptions = {}): Message {
  const t = T[lang];
  const max = options.maxTeams ?? MAX_TEAMS;
  const label = view.period.label[lang];
  const previousLabel = withoutSharedYear(view.previousPeriod.label[lang], label);
  const title = t.title(view.period.kind, label);
  const answered = view.teams.filter((r) => r.figures.responses > 0).sort(byNps);
  const silent = view.teams.filter((r) => r.figures.responses === 0).sort(byNps);
  const shown = answered.slice(0, max);
  const hidden = answered.length - shown.length;
  const anyTooFew = shown.some((r) => r.figures.tooFewAnswers);

  const blocks: Block[] = [{ type: "header", text: title }];
  if (shown.length > 0) {
    const bars = shown.map((r) => ({ label: `${r.team.name}${r.figures.tooFewAnswers ? " *" : ""}`, value: r.figures.nps === null ? null : Math.round(r.figures.nps) }));
    blocks.push({ type: "barChart", title: `${t.chart} · ${label}`, seriesLabel: "NPS", bars });
    const notes = [anyTooFew ? t.tooFewNote(view.minResponses) : null, hidden > 0 ? `${t.more(hidden)} (${t.moreAll}).` : null].filter(Boolean);
    if (notes.length > 0) blocks.push({ type: "context", text: notes.join(" ") });
  }

  const company = view.company;
  const companyValue = [formatFigure(company.figures, view.minResponses, lang), ...(company.figures.responses > 0 ? [changeLine(company, previousLabel, lang)] : [])];
  blocks.push({ type: "facts", facts: [{ label: t.company, value: companyValue.join(" · ") }] });

  if (view.teams.length > 0) {
    blocks.push({ type: "divider" }, { type: "text", text: t.teams, emphasis: "strong" });
    const facts = shown.map((r) => teamFact(r, previousLabel, view.minResponses, lang, timeZone));
    for (let i = 0; i < facts.length; i += FACTS_PER_BLOCK) blocks.push({ type: "facts", facts: facts.slice(i, i + FACTS_PER_BLOCK) });
    const tail: string[] = [];
    if (hidden > 0) tail.push(`${t.more(hidden)} (${t.moreAll}).`);
    if (silent.length > 0) {
      const names = silent.slice(0, max).map((r) => r.team.name);
      tail.push(t.noAnswers(names.join(", ") + (silent.length > max ? `, ${t.more(silent.length - max)}` : "")));
    }
    if (tail.length > 0) blocks.push({ type: "context", text: tail.join(" ") });
  }

  if (view.themes) blocks.push({ type: "divider" }, ...themeBlocks(view.themes, lang));
  blocks.push({ type: "divider" }, ...loopBlocks(view.loop, lang));
  blocks.push({ type: "divider" }, ...kudosBlocks(view.kudos, label, lang));
  blocks.push({ type: "context", text: t.how });

  const best = answered.find((r) => !r.figures.tooFewAnswers) ?? answered[0];
  const bestText = best ? ` · ${lang === "da" ? "bedst" : "best"}: ${best.team.name} ${formatNpsValue(best.figures.nps)}` : "";
  const summary = `${title}: ${t.company.toLowerCase()} ${formatNpsValue(company.figures.nps)} (${countOf(company.figures.responses, "answer", lang)})${bestText} · ${countOf(view.teams.length, "team", lang)}`;
  return { kind: "report", lang, summary, blocks };
}
