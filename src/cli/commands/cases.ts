// kundepuls cases [--team SLUG] [--open] [--json] — the detractor cases and the team's numbers.
import { z } from "zod";
import type { App } from "../../app.ts";
import { renderConsole } from "../../faces/console/render.ts";
import { buildCaseList } from "../../messages/cases.ts";
import { parseCommandArgs, teamSlug, UsageError } from "../args.ts";

const USAGE = "usage: kundepuls cases [--team SLUG] [--open] [--json]";
const schema = z.object({
  positionals: z.array(z.string()).max(0, "cases takes no arguments (use --team)"),
  team: teamSlug.optional(),
  open: z.boolean().default(false),
  json: z.boolean().default(false),
});

export async function casesCommand(argv: string[], app: App, out: (s: string) => void, now = new Date()): Promise<void> {
  const args = parseCommandArgs(argv, { team: { type: "string" }, open: { type: "boolean" }, json: { type: "boolean" } }, schema, USAGE);
  const listed = await app.cases.list({ team: args.team, openOnly: args.open });
  if (!listed) throw new UsageError(`unknown team "${args.team}"`);
  if (args.json) {
    out(JSON.stringify({ team: args.team ?? null, ...listed.stats, cases: listed.cases.map((c) => ({ ...c, contact: undefined })) }) + "\n");
    return;
  }
  out(renderConsole(buildCaseList(listed.scope, listed.cases, listed.stats, app.config.DEFAULT_LANGUAGE, now)) + "\n");
}
