// kundepuls goal set TEAM TARGET DATE [--min N] | kundepuls goal show TEAM
import { z } from "zod";
import type { App } from "../../app.ts";
import { parseGoalCommand } from "../../core/goals.ts";
import { slugify } from "../../core/slug.ts";
import { formatGoal } from "../../messages/goal.ts";
import { UnknownScopeError } from "../../services/nps-service.ts";
import { parseCommandArgs, UsageError } from "../args.ts";
import { formatDay, usageOf, type CliCommand, type CliIo } from "../command.ts";
import type { Lang } from "../../core/language.ts";

const schema = (lang: Lang) =>
  z.object({
    positionals: z.array(z.string()).min(2, lang === "da" ? "angiv handlingen (set eller show) og holdet" : "name the action (set or show) and the team"),
    min: z.coerce.number().int().min(1).optional(),
  });

export const goalCommand: CliCommand = {
  name: "goal",
  needs: "app",
  synopsis: { da: "set HOLD MÅL DATO [--min N]\nshow HOLD", en: "set TEAM TARGET DATE [--min N]\nshow TEAM" },
  summary: { da: "et holds NPS-mål (historikken gemmes)", en: "a team's NPS goal (the history is kept)" },
  details: {
    da: "  --min N  målet tæller først med mindst N svar\n  fx: kundepuls goal set support 45 2027-11-30",
    en: "  --min N  the goal counts only with at least N answers\n  e.g. kundepuls goal set support 45 2027-11-30",
  },
  async run(argv: string[], app: App, { lang, out }: CliIo, now = new Date()) {
    const usage = usageOf(goalCommand, lang);
    const args = parseCommandArgs(argv, { min: { type: "string" } }, schema(lang), usage, lang);
    const [action, ...rest] = args.positionals;
    const tz = app.config.TIME_ZONE;
    const day = (d: Date) => formatDay(d, lang, tz);
    if (action === "show") {
      const team = await app.answers.directory.findTeam(slugify(rest.join(" ")));
      if (!team) throw new UsageError(UnknownScopeError.team(rest.join(" ")).texts[lang]);
      const history = await app.goals.history(team.id);
      const line = await app.goals.line(team.id, now);
      out(`${team.name}: ${line ? formatGoal(line, lang, tz) : lang === "da" ? "intet mål" : "no goal"}\n`);
      for (const g of history) {
        const min = g.minResponses ? (lang === "da" ? ` (mindst ${g.minResponses} svar)` : ` (at least ${g.minResponses} answers)`) : "";
        const state = g.supersededAt ? (lang === "da" ? "erstattet" : "replaced") : lang === "da" ? "gældende" : "current";
        out(lang === "da" ? `  ${day(g.createdAt)}: mål ${g.targetNps} senest ${day(g.dueAt)}${min}  (${state})\n` : `  ${day(g.createdAt)}: target ${g.targetNps} by ${day(g.dueAt)}${min}  (${state})\n`);
      }
      return;
    }
    if (action !== "set") throw new UsageError(usage);
    const parsed = parseGoalCommand([...rest, ...(args.min ? ["min", String(args.min)] : [])], now, tz);
    if (!parsed.ok) throw new UsageError(parsed.error[lang]);
    const result = await app.goals.set(parsed.team, { targetNps: parsed.targetNps, dueAt: parsed.dueAt, minResponses: parsed.minResponses, by: "cli" }, now);
    if (!result.ok) throw new UsageError(UnknownScopeError.team(parsed.team, result.teams).texts[lang]);
    const kept = result.replaced ? (lang === "da" ? " (det tidligere mål er gemt i historikken)" : " (previous goal kept in the history)") : "";
    out(lang === "da" ? `${result.team.name}: mål NPS ${parsed.targetNps} senest ${day(parsed.dueAt)}${kept}\n` : `${result.team.name}: goal NPS ${parsed.targetNps} by ${day(parsed.dueAt)}${kept}\n`);
  },
};
