// kundepuls digest [--team SLUG] [--dry-run] — today's digest now, with the same guards as the
// schedule: one per team, channel and day (a second run the same day posts nothing).
import { z } from "zod";
import type { App } from "../../app.ts";
import { renderConsole } from "../../faces/console/render.ts";
import { parseCommandArgs, teamSlug, UsageError } from "../args.ts";

const USAGE = "usage: kundepuls digest [--team SLUG] [--dry-run]";
const schema = z.object({
  positionals: z.array(z.string()).max(0, "digest takes no arguments (use --team)"),
  team: teamSlug.optional(),
  "dry-run": z.boolean().default(false),
});

const REASON = {
  notDue: "not scheduled today",
  alreadySent: "already sent today",
  noChannel: "no channel connected (type /nps connect <team> digest in a channel)",
  quiet: "quiet day, skipped (DIGEST_QUIET_DAY=skip)",
} as const;

export async function digestCommand(argv: string[], app: App, out: (s: string) => void, now = new Date()): Promise<number> {
  const args = parseCommandArgs(argv, { team: { type: "string" }, "dry-run": { type: "boolean" } }, schema, USAGE);
  let results;
  try {
    results = await app.digests.run(now, { team: args.team, force: true, dryRun: args["dry-run"] });
  } catch (error) {
    if ((error as Error).message.startsWith("unknown team")) throw new UsageError((error as Error).message);
    throw error;
  }
  if (args["dry-run"]) {
    for (const r of results) if (r.message) out(`\n→ ${r.team}\n${renderConsole(r.message)}\n`);
    out("(dry run: nothing recorded or sent)\n");
    return 0;
  }
  for (const r of results) out(`${r.team}: ${r.skipped ? REASON[r.skipped] : `${r.queued} digest(s) queued`}\n`);
  const sent = await app.deliverNow();
  if (sent !== null) out(`delivered: ${sent} message(s)\n`);
  const dead = await app.outbox.list({ state: "dead" });
  if (dead.some((d) => d.kind === "digest")) out("some digests could not be delivered: see kundepuls outbox --failed\n");
  return 0;
}
