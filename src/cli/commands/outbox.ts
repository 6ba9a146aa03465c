// kundepuls outbox [--failed] [--retry] — what is waiting, and what could not be delivered.
import { z } from "zod";
import type { App } from "../../app.ts";
import { countOf, pluralWord } from "../../core/plural.ts";
import { parseCommandArgs } from "../args.ts";
import { formatMoment, usageOf, type CliCommand, type CliIo } from "../command.ts";
import type { Lang } from "../../core/language.ts";

const schema = (lang: Lang) =>
  z.object({
    positionals: z.array(z.string()).max(0, lang === "da" ? "outbox tager ingen argumenter" : "outbox takes no arguments"),
    failed: z.boolean().default(false),
    retry: z.boolean().default(false),
  });

export const outboxCommand: CliCommand = {
  name: "outbox",
  needs: "app",
  synopsis: { da: "[--failed] [--retry]", en: "[--failed] [--retry]" },
  summary: { da: "beskeder, der venter, ikke kunne leveres, eller skal sendes igen", en: "messages waiting, dead-lettered, or to send again" },
  details: {
    da: "  --failed  de beskeder, der ikke kunne leveres\n  --retry   sæt dem i kø igen",
    en: "  --failed  the messages that could not be delivered\n  --retry   queue them again",
  },
  async run(argv: string[], app: App, { lang, out }: CliIo, now = new Date()) {
    const args = parseCommandArgs(argv, { failed: { type: "boolean" }, retry: { type: "boolean" } }, schema(lang), usageOf(outboxCommand, lang), lang);
    const da = lang === "da";
    if (args.retry) {
      const count = await app.outbox.retryDead(now);
      if (da) out(`${countOf(count, "message", lang)}, der ikke kunne leveres, er sat i kø igen; den kørende bot sender dem inden for sekunder.\n`);
      else out(`${count} dead-lettered ${pluralWord("message", count, lang)} queued again; the running bot sends them within seconds.\n`);
      if (count > 0) {
        const sent = await app.deliverNow();
        if (sent !== null) out(da ? `leveret nu: ${sent}\n` : `delivered now: ${sent}\n`);
      }
      return;
    }
    if (!args.failed) {
      // Rate limits hold whole channels or platforms: say so, or the waiting messages look stuck.
      for (const p of await app.outbox.pauses(now)) {
        const until = formatMoment(p.until, lang, app.config.TIME_ZONE);
        out(da ? `sat på pause til ${until}  ${p.scope}  (${p.reason})\n` : `paused until ${until}  ${p.scope}  (${p.reason})\n`);
      }
    }
    const rows = await app.outbox.list(args.failed ? { state: "dead" } : { state: "pending" });
    if (rows.length === 0) {
      out(args.failed ? (da ? "ingen fejlede beskeder\n" : "no failed messages\n") : da ? "intet venter på at blive sendt\n" : "nothing waiting to be sent\n");
      return;
    }
    const state = (s: string) => (da ? ({ pending: "venter", dead: "fejlet" } as Record<string, string>)[s] ?? s : s);
    const attempts = da ? "forsøg" : "attempts";
    for (const r of rows) {
      const when = formatMoment(r.createdAt, lang, app.config.TIME_ZONE);
      out(`#${r.id}  ${state(r.state).padEnd(7)} ${r.platform}:${r.target}  ${r.kind}  ${attempts} ${r.attempts}  ${when}  ${r.key}${r.lastError ? `\n      ${r.lastError}` : ""}\n`);
    }
  },
};
