// The answer to "/nps <period> [team] [touchpoint]".
import type { NpsReport } from "../core/report.ts";
import { formatDelta, formatNpsValue, formatNumber, formatPercent } from "./format.ts";
import type { Block, Lang, Message } from "./model.ts";
import { formatGoal, goalLabel } from "./goal.ts";

const t = {
  da: {
    title: (scope: string, label: string) => `NPS ${scope}${label}`,
    all: "",
    nps: "NPS",
    answers: "Svar",
    split: "Anbefalere / passive / kritikere",
    previous: (label: string) => `Forrige periode (${label})`,
    trend: "Udvikling",
    significant: "en reel ændring (større end den statistiske usikkerhed)",
    notSignificant: "inden for den statistiske usikkerhed",
    tooFew: (n: number, min: number) => `For få svar til et sikkert tal: ${n} af mindst ${min}.`,
    none: "Ingen svar i perioden.",
    chartTitle: "NPS over tid",
    margin: "usikkerhed (95 %)",
  },
  en: {
    title: (scope: string, label: string) => `NPS ${scope}${label}`,
    all: "",
    nps: "NPS",
    answers: "Answers",
    split: "Promoters / passives / detractors",
    previous: (label: string) => `Previous period (${label})`,
    trend: "Trend",
    significant: "a real change (larger than the margin of error)",
    notSignificant: "within the margin of error",
    tooFew: (n: number, min: number) => `Too few answers for a reliable figure: ${n} of at least ${min}.`,
    none: "No answers in this period.",
    chartTitle: "NPS over time",
    margin: "margin of error (95%)",
  },
} as const;

export function scopeLabel(report: Pick<NpsReport, "scope">): string {
  const parts = [report.scope.team?.name, report.scope.touchpoint].filter(Boolean);
  return parts.length > 0 ? `${parts.join(" · ")} · ` : "";
}

export function buildNpsAnswer(report: NpsReport, lang: Lang, minResponses: number, timeZone = "Europe/Copenhagen"): Message {
  const tx = t[lang];
  const { figures, previous } = report;
  const label = report.period.label[lang];
  const npsText = figures.nps === null ? "–" : `${formatNpsValue(figures.nps)} ±${formatNumber(figures.marginOfError ?? 0, lang)}`;
  const blocks: Block[] = [{ type: "header", text: tx.title(scopeLabel(report), label) }];
  if (figures.responses === 0) {
    blocks.push({ type: "text", text: tx.none });
  } else {
    blocks.push({
      type: "facts",
      facts: [
        { label: tx.nps, value: npsText },
        { label: tx.answers, value: formatNumber(figures.responses, lang) },
        {
          label: tx.split,
          value: [figures.promoters, figures.passives, figures.detractors]
            .map((n) => `${formatNumber(n, lang)} (${formatPercent(n, figures.responses, lang)})`)
            .join(" / "),
        },
        {
          label: tx.previous(previous.period.label[lang]),
          value:
            previous.comparison.nps === null
              ? "–"
              : `${formatNpsValue(previous.comparison.nps)} → ${formatDelta(previous.comparison.delta, lang)}, ${previous.comparison.significant ? tx.significant : tx.notSignificant}`,
        },
      ],
    });
  }
  if (report.goal) blocks.push({ type: "facts", facts: [{ label: goalLabel(lang), value: formatGoal(report.goal, lang, timeZone) }] });
  if (figures.tooFewAnswers && figures.responses > 0) blocks.push({ type: "text", text: tx.tooFew(figures.responses, minResponses), emphasis: "muted" });
  if (report.trend && report.trend.some((p) => p.nps !== null)) {
    blocks.push({
      type: "lineChart",
      title: tx.chartTitle,
      seriesLabel: tx.nps,
      points: report.trend.map((p) => ({ label: p.label, value: p.nps === null ? null : Math.round(p.nps) })),
    });
    if (figures.nps !== null) blocks.push({ type: "gauge", title: tx.nps, value: Math.round(figures.nps), min: -100, max: 100 });
  }
  const summary =
    figures.responses === 0 ? `${tx.title(scopeLabel(report), label)}: ${tx.none}` : `${tx.title(scopeLabel(report), label)}: ${npsText} (${figures.responses} ${tx.answers.toLowerCase()})`;
  return { kind: "npsAnswer", lang, summary, blocks };
}
