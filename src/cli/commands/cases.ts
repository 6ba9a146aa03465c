// kundepuls cases [--team SLUG] [--open] [--json] — the detractor cases and the team's numbers.
import { z } from "zod";
import type { App } from "../../app.ts";
import { renderConsole } from "../../faces/console/render.ts";
import { buildCaseList } from "../../messages/cases.ts";
import { UnknownScopeError } from "../../services/nps-service.ts";
import { parseCommandArgs, teamSlug, UsageError } from "../args.ts";
import { usageOf, type CliCommand, type CliIo } from "../command.ts";
import type { Lang } from "../../core/language.ts";

const schema = (lang: Lang) =>
  z.object({
    positionals: z.array(z.string()).max(0, lang === "da" ? "cases tager ingen argumenter (brug --team)" : "cases takes no arguments (use --team)"),
    team: teamSlug(lang).optional(),
    open: z.boolean().default(false),
    json: z.boolean().default(false),
  });

export const casesCommand: CliCommand = {
  name: "cases",
  needs: "app",
  synopsis: { da: "[--team HOLD] [--open] [--json]", en: "[--team TEAM] [--open] [--json]" },
  summary: { da: "kritikersager, hvor mange der lukkes, og hvor hurtigt de tages", en: "detractor cases, closing rate, median time to claim" },
  details: { da: "  --open  kun sager, der ikke er løst\n  --json  som én JSON-linje (til scripts)", en: "  --open  only cases not yet resolved\n  --json  as one JSON line (for scripts)" },
  async run(argv: string[], app: App, { lang, out }: CliIo, now = new Date()) {
    const usage = usageOf(casesCommand, lang);
    const args = parseCommandArgs(argv, { team: { type: "string" }, open: { type: "boolean" }, json: { type: "boolean" } }, schema(lang), usage, lang);
    const listed = await app.cases.list({ team: args.team, openOnly: args.open });
    if (!listed) throw new UsageError(UnknownScopeError.team(args.team ?? "").texts[lang]);
    if (args.json) {
      out(JSON.stringify({ team: args.team ?? null, ...listed.stats, cases: listed.cases.map((c) => ({ ...c, contact: undefined })) }) + "\n");
      return;
    }
    out(renderConsole(buildCaseList(listed.scope, listed.cases, listed.stats, lang, now)) + "\n");
  },
};
