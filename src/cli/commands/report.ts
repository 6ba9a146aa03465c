// kundepuls report [--month YYYY-MM | --quarter YYYY-Qn] [--post] [--dry-run] — the report for
// management in the console (every team), or posted to REPORT_CHANNELS with the same guards as the
// first-working-day post: once per channel and period (a second --post posts nothing).
import { z } from "zod";
import type { App } from "../../app.ts";
import { parsePeriod, type Period } from "../../core/periods.ts";
import { countOf } from "../../core/plural.ts";
import { lastCompleteMonth } from "../../core/report-schedule.ts";
import { renderConsole } from "../../faces/console/render.ts";
import { parseCommandArgs, UsageError } from "../args.ts";
import { usageOf, type CliCommand, type CliIo } from "../command.ts";
import { deliverQueued } from "../deliver.ts";
import type { Lang } from "../../core/language.ts";

const schema = (lang: Lang) =>
  z
    .object({
      positionals: z.array(z.string()).max(0, lang === "da" ? "report tager ingen argumenter (brug --month eller --quarter)" : "report takes no arguments (use --month or --quarter)"),
      month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, lang === "da" ? "skal se ud som 2026-11" : "must look like 2026-11").optional(),
      quarter: z.string().regex(/^\d{4}-[qQ][1-4]$/, lang === "da" ? "skal se ud som 2026-Q3" : "must look like 2026-Q3").optional(),
      post: z.boolean().default(false),
      "dry-run": z.boolean().default(false),
    })
    .refine((a) => !(a.month && a.quarter), { message: lang === "da" ? "vælg --month eller --quarter, ikke begge" : "choose --month or --quarter, not both" });

function periodOf(args: { month?: string; quarter?: string }, now: Date, timeZone: string, lang: Lang): Period {
  if (!args.month && !args.quarter) return lastCompleteMonth(now, timeZone);
  const text = args.month ?? args.quarter!.toLowerCase().replace("-", " ");
  const parsed = parsePeriod(text, now, timeZone);
  if (!parsed.ok) throw new UsageError(parsed.error[lang]);
  if (parsed.period.to.getTime() > now.getTime()) {
    throw new UsageError(lang === "da" ? `${parsed.period.label.da} er ikke slut endnu` : `${parsed.period.label.en} has not ended yet`);
  }
  return parsed.period;
}

export const reportCommand: CliCommand = {
  name: "report",
  needs: "app",
  synopsis: { da: "[--month ÅÅÅÅ-MM | --quarter ÅÅÅÅ-Qn] [--post] [--dry-run]", en: "[--month YYYY-MM | --quarter YYYY-Qn] [--post] [--dry-run]" },
  summary: {
    da: "rapporten for ledelsen: alle hold side om side (standard: sidste hele måned)",
    en: "the report for management: every team side by side (default: the last complete month)",
  },
  details: {
    da: "  (uden --post)  viser rapporten her med alle hold\n  --post         sender den til REPORT_CHANNELS (én gang pr. kanal og periode)\n  --dry-run      med --post: viser hvad der ville blive sendt, uden at sende eller notere noget",
    en: "  (without --post)  shows the report here, with every team\n  --post            sends it to REPORT_CHANNELS (once per channel and period)\n  --dry-run         with --post: shows what would be sent, without sending or recording anything",
  },
  async run(argv: string[], app: App, { lang, out }: CliIo, now = new Date()) {
    const args = parseCommandArgs(argv, { month: { type: "string" }, quarter: { type: "string" }, post: { type: "boolean" }, "dry-run": { type: "boolean" } }, schema(lang), usageOf(reportCommand, lang), lang);
    const period = periodOf(args, now, app.config.TIME_ZONE, lang);
    if (!args.post || args["dry-run"]) {
      // The console has room for every team.
      out(`${renderConsole(await app.reports.message(period, lang, now, { maxTeams: Number.MAX_SAFE_INTEGER }))}\n`);
      if (args["dry-run"]) out(lang === "da" ? "(prøvekørsel: intet noteret eller sendt)\n" : "(dry run: nothing recorded or sent)\n");
      return 0;
    }
    const result = await app.reports.run(now, { period, force: true, lang });
    if (result.skipped === "noChannel") {
      out(lang === "da" ? "ingen kanal sat op: sæt REPORT_CHANNELS (fx slack:C0123)\n" : "no channel set up: set REPORT_CHANNELS (e.g. slack:C0123)\n");
      return 1;
    }
    out(lang === "da"
      ? `${result.periodKey}: ${countOf(result.queued, "message", lang)} sat i kø, ${result.alreadySent} kanal(er) havde den allerede\n`
      : `${result.periodKey}: ${countOf(result.queued, "message", lang)} queued, ${result.alreadySent} channel(s) already had it\n`);
    await deliverQueued(app, { lang, out });
    return 0;
  },
};
