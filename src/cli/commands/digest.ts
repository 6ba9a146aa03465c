// kundepuls digest [--team SLUG] [--dry-run] — today's digest now, with the same guards as the
// schedule: one per team, channel and day (a second run the same day posts nothing).
import { z } from "zod";
import type { App } from "../../app.ts";
import { renderConsole } from "../../faces/console/render.ts";
import { UnknownScopeError } from "../../services/nps-service.ts";
import { parseCommandArgs, teamSlug, UsageError } from "../args.ts";
import { usageOf, type CliCommand, type CliIo } from "../command.ts";
import { deliverQueued } from "../deliver.ts";
import type { Lang, Texts } from "../../core/language.ts";

const schema = (lang: Lang) =>
  z.object({
    positionals: z.array(z.string()).max(0, lang === "da" ? "digest tager ingen argumenter (brug --team)" : "digest takes no arguments (use --team)"),
    team: teamSlug(lang).optional(),
    "dry-run": z.boolean().default(false),
  });

const REASON: Record<"notDue" | "alreadySent" | "noChannel" | "quiet", Texts> = {
  notDue: { da: "ikke planlagt i dag", en: "not scheduled today" },
  alreadySent: { da: "allerede sendt i dag", en: "already sent today" },
  noChannel: { da: "ingen kanal forbundet (skriv /nps forbind <hold> digest i en kanal)", en: "no channel connected (type /nps connect <team> digest in a channel)" },
  quiet: { da: "stille dag, sprunget over (DIGEST_QUIET_DAY=skip)", en: "quiet day, skipped (DIGEST_QUIET_DAY=skip)" },
};

export const digestCommand: CliCommand = {
  name: "digest",
  needs: "app",
  synopsis: { da: "[--team HOLD] [--dry-run]", en: "[--team TEAM] [--dry-run]" },
  summary: { da: "sender dagens digest nu (én pr. hold, kanal og dag)", en: "sends today's digest now (once per team, channel and day)" },
  details: { da: "  --dry-run  viser digesten uden at sende eller notere noget", en: "  --dry-run  shows the digest without sending or recording anything" },
  async run(argv: string[], app: App, { lang, out }: CliIo, now = new Date()) {
    const args = parseCommandArgs(argv, { team: { type: "string" }, "dry-run": { type: "boolean" } }, schema(lang), usageOf(digestCommand, lang), lang);
    let results;
    try {
      results = await app.digests.run(now, { team: args.team, force: true, dryRun: args["dry-run"] });
    } catch (error) {
      if (error instanceof UnknownScopeError) throw new UsageError(error.texts[lang]);
      throw error;
    }
    if (args["dry-run"]) {
      for (const r of results) if (r.message) out(`\n→ ${r.team}\n${renderConsole(r.message)}\n`);
      out(lang === "da" ? "(prøvekørsel: intet noteret eller sendt)\n" : "(dry run: nothing recorded or sent)\n");
      return 0;
    }
    const queued = (n: number) => (lang === "da" ? `${n} digest${n === 1 ? "" : "s"} sat i kø` : `${n} digest${n === 1 ? "" : "s"} queued`);
    for (const r of results) out(`${r.team}: ${r.skipped ? REASON[r.skipped][lang] : queued(r.queued)}\n`);
    await deliverQueued(app, { lang, out }, {
      kind: "digest",
      texts: { da: "nogle digests kunne ikke leveres: se kundepuls outbox --failed\n", en: "some digests could not be delivered: see kundepuls outbox --failed\n" },
    });
    return 0;
  },
};
