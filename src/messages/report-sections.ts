// The parts of the monthly report below the chart: one fact per team, the themes, closing the loop
// and the kudos — each said as the rest of Kundepuls says it (figures.ts, goal.ts, plural.ts).
import type { ClosedLoop } from "../core/closed-loop.ts";
import { OUTCOMES } from "../core/closed-loop.ts";
import type { Comparison, NpsFigures } from "../core/nps.ts";
import { countOf } from "../core/plural.ts";
import type { GoalLineData } from "../core/report.ts";
import type { Theme, ThemeReport } from "../core/themes/index.ts";
import { changeFact, factLine, formatFigure } from "./figures.ts";
import { formatDate, formatNpsValue, formatNumber } from "./format.ts";
import { OUTCOME_LABEL } from "./forms.ts";
import { goalLabel, goalStatusText } from "./goal.ts";
import { thankedName } from "./kudos.ts";
import type { Block, Fact } from "./model.ts";
import type { Lang } from "../core/language.ts";

export interface ReportFigures {
  figures: NpsFigures;
  previous: NpsFigures;
  comparison: Comparison;
}

export interface ReportTeamRow extends ReportFigures {
  team: { slug: string; name: string };
  /** the team's goal progress at the end of the period; null without a goal */
  goal: GoalLineData | null;
}

export interface ReportKudos {
  name: string | null;
  email: string | null;
  teamName: string | null;
  count: number;
  /** never named: "En kollega" (messages/kudos.ts thankedName) */
  optedOut: boolean;
}

/** Below this many judged cases the share contacted in time is said to rest on few cases. */
export const FEW_CASES = 10;
export const KUDOS_SHOWN = 5;
export const THEMES_SHOWN = 3;

const da = (lang: Lang) => lang === "da";

/** "Ændring fra oktober (+27): +5 point, inden for usikkerheden" */
export function changeLine(row: ReportFigures, previousLabel: string, lang: Lang): string {
  return factLine(changeFact({ previousLabel, comparison: row.comparison, tooFew: row.figures.tooFewAnswers || row.previous.tooFewAnswers }, lang));
}

/** "Mål +40 inden 31. dec. 2027: på vej ✅" */
export function goalText(goal: GoalLineData, lang: Lang, timeZone: string): string {
  return `${goalLabel(lang)} ${formatNpsValue(goal.targetNps)} ${da(lang) ? "inden" : "by"} ${formatDate(goal.dueAt, lang, timeZone)}: ${goalStatusText(goal.status, lang)}`;
}

/** One team as a fact: its name, then figure · change · goal. */
export function teamFact(row: ReportTeamRow, previousLabel: string, minResponses: number, lang: Lang, timeZone: string): Fact {
  const parts = [formatFigure(row.figures, minResponses, lang)];
  if (row.figures.responses > 0) parts.push(changeLine(row, previousLabel, lang));
  if (row.goal) parts.push(goalText(row.goal, lang, timeZone));
  return { label: row.team.name, value: parts.join(" · ") };
}

function themeLine(themes: Theme[], lang: Lang): string {
  if (themes.length === 0) return da(lang) ? "Intet tema skiller sig tydeligt ud." : "No theme clearly stands out.";
  return themes.slice(0, THEMES_SHOWN).map((t) => `${t.label} (${formatNumber(t.count, lang)})`).join(" · ");
}

/** The company's top themes: a line per side with how many comments name each, and the top one's quote. */
export function themeBlocks(report: ThemeReport, lang: Lang): Block[] {
  const heading: Block = { type: "text", text: da(lang) ? "Temaer i hele firmaet" : "Themes across the company", emphasis: "strong" };
  const { result } = report;
  if (result.kind === "tooFew") {
    const fewest = Math.min(result.detractorComments, result.promoterComments);
    const text = da(lang)
      ? `For få kommentarer til temaer (${formatNumber(fewest, lang)} af ${formatNumber(result.minimum, lang)} på den mindste side).`
      : `Too few comments for themes (${formatNumber(fewest, lang)} of ${formatNumber(result.minimum, lang)} on the smaller side).`;
    return [heading, { type: "text", text, emphasis: "muted" }];
  }
  const blocks: Block[] = [heading];
  for (const [label, themes] of [
    [da(lang) ? "Hvad kritikerne taler om" : "What detractors talk about", result.detractors],
    [da(lang) ? "Hvad de glade kunder roser" : "What happy customers praise", result.promoters],
  ] as const) {
    blocks.push({ type: "text", text: `${label}: ${themeLine(themes, lang)}` });
    const quote = themes[0]?.quotes[0];
    if (quote) blocks.push({ type: "quote", text: quote });
  }
  return blocks;
}

/** Closing the loop: contacted within 48 working hours, time to claim, opened/closed, outcomes. */
export function loopBlocks(loop: ClosedLoop, lang: Lang): Block[] {
  const d = da(lang);
  const heading: Block = { type: "text", text: d ? "Opfølgning på kritikere" : "Closing the loop with detractors", emphasis: "strong" };
  if (loop.opened === 0 && loop.closed === 0) return [heading, { type: "text", text: d ? "Ingen sager i perioden." : "No cases in the period.", emphasis: "muted" }];
  const share = loop.contactedShare === null
    ? d ? "ingen sager at bedømme endnu" : "no cases to judge yet"
    : `${formatNumber(loop.contactedInTime, lang)} ${d ? "af" : "of"} ${countOf(loop.contactJudged, "case", lang)} (${formatNumber(loop.contactedShare * 100, lang)} %)${loop.contactJudged < FEW_CASES ? (d ? ", få sager" : ", few cases") : ""}`;
  const median = loop.medianHoursToClaim === null ? "–" : `${formatNumber(loop.medianHoursToClaim, lang, 1)} ${d ? "timer" : "hours"}`;
  const outcomes = OUTCOMES.filter((o) => loop.outcomes[o] > 0).map((o) => `${loop.outcomes[o]} × ${OUTCOME_LABEL[lang][o].toLowerCase()}`);
  return [
    heading,
    {
      type: "facts",
      facts: [
        { label: d ? "Kontaktet inden for 48 arbejdstimer" : "Contacted within 48 working hours", value: share },
        { label: d ? "Median tid til en sag blev taget" : "Median time to claim", value: median },
        { label: d ? "Sager åbnet · lukket" : "Cases opened · closed", value: `${formatNumber(loop.opened, lang)} · ${formatNumber(loop.closed, lang)}` },
        { label: d ? "Udfald" : "Outcomes", value: outcomes.length > 0 ? outcomes.join(" · ") : d ? "ingen sager lukket" : "no cases closed" },
      ],
    },
  ];
}

/** Who customers thanked by name: the most thanked first; an opted-out person is "en kollega". */
export function kudosBlocks(kudos: ReportKudos[], periodLabel: string, lang: Lang): Block[] {
  const d = da(lang);
  const heading: Block = { type: "text", text: d ? "Kunderne takkede" : "Customers thanked", emphasis: "strong" };
  if (kudos.length === 0) {
    const none = d ? `Ingen kunder nævnte en medarbejder ved navn i ${periodLabel}.` : `No customer named an employee in ${periodLabel}.`;
    return [heading, { type: "text", text: none, emphasis: "muted" }];
  }
  const lines = kudos.slice(0, KUDOS_SHOWN).map((k) => {
    const who = thankedName(k, lang, { lineStart: true });
    return `${who}${k.teamName ? ` (${k.teamName})` : ""}: ${formatNumber(k.count, lang)}`;
  });
  const blocks: Block[] = [heading, { type: "text", text: lines.join("\n") }];
  if (kudos.length > KUDOS_SHOWN) blocks.push({ type: "context", text: `${d ? "og" : "and"} ${countOf(kudos.length - KUDOS_SHOWN, "more", lang)}` });
  return blocks;
}
