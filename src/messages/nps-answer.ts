// The answer to "/nps <period> [team] [touchpoint]".
import { chartLabel, labelSoFar } from "../core/period-labels.ts";
import type { NpsReport } from "../core/report.ts";
import { changeFact, formatFigure, withoutSharedYear } from "./figures.ts";
import { formatNumber, formatPercent } from "./format.ts";
import type { Block, Message } from "./model.ts";
import type { Lang } from "../core/language.ts";
import { formatGoal, goalLabel } from "./goal.ts";

const t = {
  da: {
    nps: "NPS",
    split: "Anbefalere / passive / kritikere",
    none: "Ingen svar i perioden.",
    chartTitle: "NPS pr. måned",
    chartTitleWeeks: "NPS pr. uge",
  },
  en: {
    nps: "NPS",
    split: "Promoters / passives / detractors",
    none: "No answers in this period.",
    chartTitle: "NPS per month",
    chartTitleWeeks: "NPS per week",
  },
} as const;

export function scopeLabel(report: Pick<NpsReport, "scope">): string {
  const parts = [report.scope.team?.name, report.scope.touchpoint].filter(Boolean);
  return parts.length > 0 ? `${parts.join(" · ")} · ` : "";
}

export function buildNpsAnswer(report: NpsReport, lang: Lang, minResponses: number, timeZone = "Europe/Copenhagen", now: Date = new Date()): Message {
  const tx = t[lang];
  const { figures, previous } = report;
  const label = labelSoFar(report.period, now, timeZone)[lang];
  const title = `NPS ${scopeLabel(report)}${label}`;
  const figure = formatFigure(figures, minResponses, lang);
  const blocks: Block[] = [{ type: "header", text: title }];
  if (figures.responses === 0) {
    blocks.push({ type: "text", text: tx.none });
  } else {
    blocks.push({
      type: "facts",
      facts: [
        { label: tx.nps, value: figure },
        {
          label: tx.split,
          value: [figures.promoters, figures.passives, figures.detractors].map((n) => `${formatNumber(n, lang)} (${formatPercent(n, figures.responses, lang)})`).join(" / "),
        },
        changeFact(
          {
            previousLabel: withoutSharedYear(previous.period.label[lang], report.period.label[lang]),
            comparison: previous.comparison,
            tooFew: figures.tooFewAnswers || previous.figures.tooFewAnswers,
          },
          lang,
        ),
      ],
    });
  }
  if (report.goal) blocks.push({ type: "facts", facts: [{ label: goalLabel(lang), value: formatGoal(report.goal, lang, timeZone) }] });
  if (report.trend && report.trend.some((p) => p.nps !== null)) {
    const weekly = report.trend[0]?.label.includes("W") ?? false;
    blocks.push({
      type: "lineChart",
      title: weekly ? tx.chartTitleWeeks : tx.chartTitle,
      seriesLabel: tx.nps,
      points: report.trend.map((p) => ({ label: chartLabel(p, lang), value: p.nps === null ? null : Math.round(p.nps) })),
    });
    if (figures.nps !== null && !figures.tooFewAnswers) blocks.push({ type: "gauge", title: `${tx.nps} ${label}`, value: Math.round(figures.nps), min: -100, max: 100 });
  }
  const summary = figures.responses === 0 ? `${title}: ${tx.none}` : `${title}: ${figure}`;
  return { kind: "npsAnswer", lang, summary, blocks };
}
