// kundepuls weekly [--team SLUG] [--dry-run] [--force] — the weekly team view of the latest
// complete week, with the same guards as the schedule: one per team, channel and week.
import { z } from "zod";
import type { App } from "../../app.ts";
import { latestCompleteWeek } from "../../core/weekly.ts";
import { capitalized } from "../../messages/format.ts";
import { renderConsole } from "../../faces/console/render.ts";
import { UnknownScopeError } from "../../services/nps-service.ts";
import type { WeeklyRunResult } from "../../services/weekly-service.ts";
import { parseCommandArgs, teamSlug, UsageError } from "../args.ts";
import { usageOf, type CliCommand, type CliIo } from "../command.ts";
import { deliverQueued } from "../deliver.ts";
import type { Lang, Texts } from "../../core/language.ts";

const schema = (lang: Lang) =>
  z.object({
    positionals: z.array(z.string()).max(0, lang === "da" ? "weekly tager ingen argumenter (brug --team)" : "weekly takes no arguments (use --team)"),
    team: teamSlug(lang).optional(),
    "dry-run": z.boolean().default(false),
    force: z.boolean().default(false),
  });

const REASON: Record<NonNullable<WeeklyRunResult["skipped"]>, Texts> = {
  notDue: { da: "ikke planlagt nu (WEEKLY_CRON; --force sender alligevel)", en: "not scheduled now (WEEKLY_CRON; --force sends anyway)" },
  alreadySent: { da: "allerede sendt for den uge", en: "already sent for that week" },
  noChannel: { da: "ingen digest-kanal forbundet (skriv /nps forbind <hold> digest i en kanal)", en: "no digest channel connected (type /nps connect <team> digest in a channel)" },
};

export const weeklyCommand: CliCommand = {
  name: "weekly",
  needs: "app",
  synopsis: { da: "[--team HOLD] [--dry-run] [--force]", en: "[--team TEAM] [--dry-run] [--force]" },
  summary: {
    da: "ugeoverblikket for den seneste hele uge (én gang pr. hold, kanal og uge)",
    en: "the weekly team view of the latest complete week (once per team, channel and week)",
  },
  details: {
    da: "  --dry-run  viser ugeoverblikket uden at sende eller notere noget\n  --force    sender nu, også uden for WEEKLY_CRON (aldrig to gange for samme uge)",
    en: "  --dry-run  shows the weekly view without sending or recording anything\n  --force    sends now, also outside WEEKLY_CRON (never twice for the same week)",
  },
  async run(argv: string[], app: App, { lang, out }: CliIo, now = new Date()) {
    const options = { team: { type: "string" }, "dry-run": { type: "boolean" }, force: { type: "boolean" } } as const;
    const args = parseCommandArgs(argv, options, schema(lang), usageOf(weeklyCommand, lang), lang);
    let results: WeeklyRunResult[];
    try {
      results = await app.weekly.run(now, { team: args.team, force: args.force, dryRun: args["dry-run"], lang });
    } catch (error) {
      if (error instanceof UnknownScopeError) throw new UsageError(error.texts[lang]);
      throw error;
    }
    out(`${capitalized(latestCompleteWeek(now, app.config.TIME_ZONE).label[lang])}\n`);
    if (args["dry-run"]) {
      for (const r of results) if (r.message) out(`\n→ ${r.team}\n${renderConsole(r.message)}\n`);
      out(lang === "da" ? "(prøvekørsel: intet noteret eller sendt)\n" : "(dry run: nothing recorded or sent)\n");
      return 0;
    }
    if (results.length === 0) out(lang === "da" ? "ugeoverblikket er slået fra (WEEKLY_VIEW=off; --force sender alligevel)\n" : "the weekly view is turned off (WEEKLY_VIEW=off; --force sends anyway)\n");
    const queued = (n: number) => (lang === "da" ? `${n} ugeoverblik sat i kø` : `${n} weekly view${n === 1 ? "" : "s"} queued`);
    for (const r of results) out(`${r.team}: ${r.skipped ? REASON[r.skipped][lang] : queued(r.queued)}\n`);
    await deliverQueued(app, { lang, out }, {
      kind: "weekly",
      texts: { da: "nogle ugeoverblik kunne ikke leveres: se kundepuls outbox --failed\n", en: "some weekly views could not be delivered: see kundepuls outbox --failed\n" },
    });
    return 0;
  },
};
