// kundepuls goal set TEAM TARGET DATE [--min N] | kundepuls goal show TEAM
import { z } from "zod";
import type { App } from "../../app.ts";
import { parseGoalCommand } from "../../core/goals.ts";
import { formatGoal } from "../../messages/goal.ts";
import { parseCommandArgs, UsageError } from "../args.ts";

const USAGE = "usage: kundepuls goal set TEAM TARGET DATE [--min N]   e.g. goal set support 45 2027-11-30\n       kundepuls goal show TEAM";
const schema = z.object({
  positionals: z.array(z.string()).min(2, "name the action (set or show) and the team"),
  min: z.coerce.number().int().min(1).optional(),
});

export async function goalCommand(argv: string[], app: App, out: (s: string) => void, now = new Date()): Promise<void> {
  const args = parseCommandArgs(argv, { min: { type: "string" } }, schema, USAGE);
  const [action, ...rest] = args.positionals;
  const lang = app.config.DEFAULT_LANGUAGE;
  const tz = app.config.TIME_ZONE;
  if (action === "show") {
    const team = await app.db.prisma.team.findUnique({ where: { slug: rest.join("-").toLowerCase() } });
    if (!team) throw new UsageError(`unknown team "${rest.join(" ")}"`);
    const history = await app.goals.history(team.id);
    const line = await app.goals.line(team.id, now);
    out(line ? `${team.name}: ${formatGoal(line, lang, tz)}\n` : `${team.name}: no goal\n`);
    for (const g of history) out(`  ${g.createdAt.toISOString().slice(0, 10)}  target ${g.targetNps} by ${g.dueAt.toISOString().slice(0, 10)}${g.minResponses ? ` (min ${g.minResponses} answers)` : ""}${g.supersededAt ? "  (replaced)" : "  (current)"}\n`);
    return;
  }
  if (action !== "set") throw new UsageError(USAGE);
  const parsed = parseGoalCommand([...rest, ...(args.min ? ["min", String(args.min)] : [])], now, tz);
  if (!parsed.ok) throw new UsageError(parsed.error.en);
  const result = await app.goals.set(parsed.team, { targetNps: parsed.targetNps, dueAt: parsed.dueAt, minResponses: parsed.minResponses, by: "cli" }, now);
  if (!result.ok) throw new UsageError(`unknown team "${parsed.team}" (teams: ${result.teams.join(", ") || "none yet"})`);
  out(`${result.team.name}: goal NPS ${parsed.targetNps} by ${parsed.dueAt.toISOString()}${result.replaced ? " (previous goal kept in the history)" : ""}\n`);
}
