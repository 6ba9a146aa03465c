// The daily NPS digest for a team channel: what came in since the last digest, the rolling
// 30 days with margin and trend, the goal, the best new promoter quote, open detractor cases.
// The header says "digest", not "today's NPS": the figure is the last 30 days, and says so.
import type { NpsFigures, Comparison } from "../core/nps.ts";
import type { TrendPoint } from "../core/report.ts";
import { formatAge } from "./age.ts";
import { countOf } from "../core/plural.ts";
import { chartLabel } from "../core/period-labels.ts";
import { changeFact, formatFigure } from "./figures.ts";
import { formatGoal, goalLabel, type GoalLine } from "./goal.ts";
import type { Block, Fact, Message } from "./model.ts";
import type { Lang } from "../core/language.ts";

export interface DigestView {
  team: { slug: string; name: string };
  sinceLast: { promoters: number; passives: number; detractors: number; responses: number };
  /** the last 30 days */
  rolling: NpsFigures;
  /** the 30 days before */
  before: NpsFigures;
  comparison: Comparison;
  minResponses: number;
  goal: GoalLine | null;
  /** redacted, from a consenting (or anonymised) promoter */
  bestQuote: { text: string; attribution: string | null } | null;
  /** open = not resolved (claimed or not); inProgress = claimed and not resolved */
  openCases: { open: number; inProgress: number; oldestOpenedAt: Date | null };
  trend: TrendPoint[] | null;
}

const T = {
  da: {
    header: (team: string) => `Dagens opsummering – ${team}`,
    quiet: (team: string, nps: string) => `${team}: ingen nye svar siden sidste opsummering. NPS, seneste 30 dage: ${nps}.`,
    rolling: "NPS, seneste 30 dage",
    before: "de 30 dage før",
    cases: "Åbne sager om utilfredse kunder",
    none: "ingen 🎉",
    inProgress: (n: number) => `${n} i gang`,
    oldest: (age: string) => `ældste åbnet ${age}`,
    chart: "NPS pr. måned",
    anonymous: "en kunde",
  },
  en: {
    header: (team: string) => `Daily digest – ${team}`,
    quiet: (team: string, nps: string) => `${team}: no new answers since the last digest. NPS, last 30 days: ${nps}.`,
    rolling: "NPS, last 30 days",
    before: "the 30 days before",
    cases: "Open detractor cases",
    none: "none 🎉",
    inProgress: (n: number) => `${n} in progress`,
    oldest: (age: string) => `oldest opened ${age}`,
    chart: "NPS per month",
    anonymous: "a customer",
  },
} as const;

export function isQuietDay(d: DigestView): boolean {
  return d.sinceLast.responses === 0;
}

/** "ingen 🎉" only when nothing is open; a claimed case is open too, and shown as in progress. */
export function openCasesText(c: DigestView["openCases"], lang: Lang, now: Date): string {
  const t = T[lang];
  if (c.open === 0) return t.none;
  const parts = [countOf(c.open, "openCase", lang)];
  if (c.inProgress > 0) parts.push(t.inProgress(c.inProgress));
  if (c.oldestOpenedAt) parts.push(t.oldest(formatAge(c.oldestOpenedAt, now, lang)));
  return parts.join(", ");
}

function sinceLastText(s: DigestView["sinceLast"], lang: Lang): string {
  const split = [countOf(s.promoters, "promoter", lang), countOf(s.passives, "passive", lang), countOf(s.detractors, "detractor", lang)].join(", ");
  return lang === "da" ? `${countOf(s.responses, "newAnswer", lang)} siden sidst: ${split}.` : `${countOf(s.responses, "newAnswer", lang)} since last time: ${split}.`;
}

export function buildDigest(d: DigestView, lang: Lang, now: Date, timeZone: string): Message {
  const t = T[lang];
  const rolling = formatFigure(d.rolling, d.minResponses, lang);
  if (isQuietDay(d)) {
    const text = t.quiet(d.team.name, rolling);
    return { kind: "digest", lang, summary: text, blocks: [{ type: "text", text }] };
  }
  const facts: Fact[] = [
    { label: t.rolling, value: rolling },
    changeFact({ previousLabel: t.before, comparison: d.comparison, tooFew: d.rolling.tooFewAnswers || d.before.tooFewAnswers }, lang),
    ...(d.goal ? [{ label: goalLabel(lang), value: formatGoal(d.goal, lang, timeZone) }] : []),
    { label: t.cases, value: openCasesText(d.openCases, lang, now) },
  ];
  const blocks: Block[] = [
    { type: "header", text: t.header(d.team.name) },
    { type: "text", text: sinceLastText(d.sinceLast, lang) },
    { type: "facts", facts },
  ];
  if (d.bestQuote) blocks.push({ type: "quote", text: d.bestQuote.text, attribution: d.bestQuote.attribution ?? t.anonymous });
  if (d.trend && d.trend.some((p) => p.nps !== null)) {
    blocks.push({ type: "lineChart", title: t.chart, seriesLabel: "NPS", points: d.trend.map((p) => ({ label: chartLabel(p, lang), value: p.nps === null ? null : Math.round(p.nps) })) });
  }
  return { kind: "digest", lang, summary: `${t.header(d.team.name)} – ${t.rolling}: ${rolling}`, blocks };
}
