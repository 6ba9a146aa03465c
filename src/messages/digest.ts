// The daily NPS digest for a team channel: what came in since the last digest, the rolling
// 30 days with margin and trend, the goal, the best new promoter quote, open detractor cases.
import type { NpsFigures, Comparison } from "../core/nps.ts";
import type { TrendPoint } from "../core/report.ts";
import { formatAge } from "./age.ts";
import { formatDelta, formatNpsValue, formatNumber } from "./format.ts";
import { formatGoal, goalLabel, type GoalLine } from "./goal.ts";
import type { Block, Fact, Lang, Message } from "./model.ts";

export interface DigestView {
  team: { slug: string; name: string };
  sinceLast: { promoters: number; passives: number; detractors: number; responses: number };
  rolling: NpsFigures;
  comparison: Comparison;
  goal: GoalLine | null;
  /** redacted, from a consenting (or anonymised) promoter */
  bestQuote: { text: string; attribution: string | null } | null;
  openCases: { count: number; oldestOpenedAt: Date | null };
  trend: TrendPoint[] | null;
}

const T = {
  da: {
    header: (team: string) => `Dagens NPS – ${team}`,
    quiet: (team: string, nps: string) => `${team}: ingen nye svar siden sidste opsummering. NPS (30 dage): ${nps}.`,
    since: (n: number, p: number, pa: number, d: number) => `${n} nye svar siden sidst: ${p} anbefalere, ${pa} passive, ${d} kritikere.`,
    rolling: "NPS, seneste 30 dage",
    trend: "I forhold til de 30 dage før",
    significant: "reel ændring",
    noise: "inden for usikkerheden",
    cases: "Åbne sager om utilfredse kunder",
    none: "ingen 🎉",
    oldest: (age: string) => `ældste ${age}`,
    chart: "NPS pr. måned",
    anonymous: "en kunde",
  },
  en: {
    header: (team: string) => `Daily NPS – ${team}`,
    quiet: (team: string, nps: string) => `${team}: no new answers since the last digest. NPS (30 days): ${nps}.`,
    since: (n: number, p: number, pa: number, d: number) => `${n} new answers since last time: ${p} promoters, ${pa} passives, ${d} detractors.`,
    rolling: "NPS, last 30 days",
    trend: "Compared with the 30 days before",
    significant: "a real change",
    noise: "within the margin of error",
    cases: "Open detractor cases",
    none: "none 🎉",
    oldest: (age: string) => `oldest ${age}`,
    chart: "NPS per month",
    anonymous: "a customer",
  },
} as const;

function rollingText(f: NpsFigures, lang: Lang): string {
  return f.nps === null ? "–" : `${formatNpsValue(f.nps)} ±${formatNumber(f.marginOfError ?? 0, lang)} (${formatNumber(f.responses, lang)})`;
}

export function isQuietDay(d: DigestView): boolean {
  return d.sinceLast.responses === 0;
}

export function buildDigest(d: DigestView, lang: Lang, now: Date, timeZone: string): Message {
  const t = T[lang];
  if (isQuietDay(d)) {
    const text = t.quiet(d.team.name, rollingText(d.rolling, lang));
    return { kind: "digest", lang, summary: text, blocks: [{ type: "text", text }] };
  }
  const s = d.sinceLast;
  const facts: Fact[] = [
    { label: t.rolling, value: rollingText(d.rolling, lang) },
    {
      label: t.trend,
      value: d.comparison.delta === null ? "–" : `${formatDelta(d.comparison.delta, lang)} (${d.comparison.significant ? t.significant : t.noise})`,
    },
    ...(d.goal ? [{ label: goalLabel(lang), value: formatGoal(d.goal, lang, timeZone) }] : []),
    {
      label: t.cases,
      value: d.openCases.count === 0 ? t.none : `${d.openCases.count}${d.openCases.oldestOpenedAt ? ` (${t.oldest(formatAge(d.openCases.oldestOpenedAt, now, lang))})` : ""}`,
    },
  ];
  const blocks: Block[] = [
    { type: "header", text: t.header(d.team.name) },
    { type: "text", text: t.since(s.responses, s.promoters, s.passives, s.detractors) },
    { type: "facts", facts },
  ];
  if (d.bestQuote) blocks.push({ type: "quote", text: d.bestQuote.text, attribution: d.bestQuote.attribution ?? t.anonymous });
  if (d.trend && d.trend.some((p) => p.nps !== null)) {
    blocks.push({ type: "lineChart", title: t.chart, seriesLabel: "NPS", points: d.trend.map((p) => ({ label: p.label, value: p.nps === null ? null : Math.round(p.nps) })) });
  }
  return { kind: "digest", lang, summary: `${t.header(d.team.name)}: ${rollingText(d.rolling, lang)}`, blocks };
}
