// kundepuls nps "<period>" [--team SLUG] [--touchpoint NAME] [--json]
import { z } from "zod";
import { detectLang } from "../../core/language.ts";
import { parsePeriod } from "../../core/periods.ts";
import { buildNpsAnswer } from "../../messages/nps-answer.ts";
import { renderConsole } from "../../faces/console/render.ts";
import { UnknownScopeError } from "../../services/nps-service.ts";
import type { App } from "../../app.ts";
import { parseCommandArgs, teamSlug, UsageError } from "../args.ts";
import { usageOf, type CliCommand, type CliIo } from "../command.ts";
import type { Lang } from "../../core/language.ts";

const schema = (lang: Lang) =>
  z.object({
    positionals: z.array(z.string()).max(1, lang === "da" ? "skriv perioden som ét argument i anførselstegn" : "give the period as one quoted argument"),
    team: teamSlug(lang).optional(),
    touchpoint: z.string().trim().min(1).optional(),
    json: z.boolean().default(false),
  });

export const npsCommand: CliCommand = {
  name: "nps",
  needs: "app",
  synopsis: { da: '"<periode>" [--team HOLD] [--touchpoint NAVN] [--json]', en: '"<period>" [--team TEAM] [--touchpoint NAME] [--json]' },
  summary: { da: "NPS for en periode, i alt eller for et hold eller kontaktpunkt", en: "NPS for a period, overall or for a team or touchpoint" },
  details: {
    da: '  perioder: "denne måned", "sidste måned", "seneste 7 dage", "Q3 2026", "2026-10", "2026-10-01..2026-10-15"\n  --json  tallene som én JSON-linje (til scripts)',
    en: '  periods: "this month", "last month", "last 7 days", "Q3 2026", "2026-10", "2026-10-01..2026-10-15"\n  --json  the figures as one JSON line (for scripts)',
  },
  async run(argv: string[], app: App, { lang, out }: CliIo, now = new Date()) {
    const usage = usageOf(npsCommand, lang);
    const args = parseCommandArgs(argv, { team: { type: "string" }, touchpoint: { type: "string" }, json: { type: "boolean" } }, schema(lang), usage, lang);
    const text = args.positionals[0] ?? "";
    const settings = app.nps.settings;
    const parsed = parsePeriod(text, now, settings.timeZone);
    if (!parsed.ok) throw new UsageError(`${parsed.error[lang]}\n${usage}`);
    let report;
    try {
      report = await app.nps.report({ period: parsed.period, team: args.team, touchpoint: args.touchpoint, withTrend: !args.json, now });
    } catch (error) {
      if (error instanceof UnknownScopeError) throw new UsageError(error.texts[lang]);
      throw error;
    }
    if (!args.json) {
      out(renderConsole(buildNpsAnswer(report, lang, settings.minResponses, settings.timeZone)) + "\n");
      return;
    }
    const { figures, previous } = report;
    // The JSON is a promise to scripts: its shape stays; the label is in the language the period was written in.
    const labelLang = detectLang(text, lang);
    out(
      JSON.stringify({
        period: { from: report.period.from.toISOString(), to: report.period.to.toISOString(), label: report.period.label[labelLang] },
        responses: figures.responses,
        promoters: figures.promoters,
        passives: figures.passives,
        detractors: figures.detractors,
        nps: figures.nps,
        marginOfError: figures.marginOfError,
        tooFewAnswers: figures.tooFewAnswers,
        previous: { nps: previous.comparison.nps, delta: previous.comparison.delta, significant: previous.comparison.significant },
      }) + "\n",
    );
  },
};
