// kundepuls nps "<period>" [--team SLUG] [--touchpoint NAME] [--json]
import { z } from "zod";
import { detectLang } from "../../core/language.ts";
import { parsePeriod } from "../../core/periods.ts";
import { buildNpsAnswer } from "../../messages/nps-answer.ts";
import { renderConsole } from "../../faces/console/render.ts";
import { UnknownScopeError } from "../../services/nps-service.ts";
import type { App } from "../../app.ts";
import { parseCommandArgs, teamSlug, UsageError } from "../args.ts";

export const NPS_USAGE = `usage: kundepuls nps "<period>" [--team SLUG] [--touchpoint NAME] [--json]
  periods: "this month", "sidste måned", "last 7 days", "Q3 2026", "2026-10", "2026-10-01..2026-10-15"`;

const schema = z.object({
  positionals: z.array(z.string()).max(1, "give the period as one quoted argument"),
  team: teamSlug.optional(),
  touchpoint: z.string().trim().min(1).optional(),
  json: z.boolean().default(false),
});

export async function npsCommand(argv: string[], app: App, out: (s: string) => void, now = new Date()): Promise<void> {
  const args = parseCommandArgs(argv, { team: { type: "string" }, touchpoint: { type: "string" }, json: { type: "boolean" } }, schema, NPS_USAGE);
  const text = args.positionals[0] ?? "";
  const settings = app.nps.settings;
  const lang = detectLang(text, settings.defaultLang);
  const parsed = parsePeriod(text, now, settings.timeZone);
  if (!parsed.ok) throw new UsageError(`${parsed.error[lang]}\n${NPS_USAGE}`);
  let report;
  try {
    report = await app.nps.report({ period: parsed.period, team: args.team, touchpoint: args.touchpoint, withTrend: !args.json, now });
  } catch (error) {
    if (error instanceof UnknownScopeError) throw new UsageError(error.message);
    throw error;
  }
  if (!args.json) {
    out(renderConsole(buildNpsAnswer(report, lang, settings.minResponses, settings.timeZone)) + "\n");
    return;
  }
  const { figures, previous } = report;
  out(
    JSON.stringify({
      period: { from: report.period.from.toISOString(), to: report.period.to.toISOString(), label: report.period.label[lang] },
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
}
