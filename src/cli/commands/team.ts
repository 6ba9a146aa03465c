// kundepuls team [list] | team set SLUG [--name NAME] [--lead PERSON] [--digest-cron "CRON"|default]
// kundepuls owner account|touchpoint NAME PERSON      (PERSON: e-mail, slack:U0123, teams:<AAD id>)
import { z } from "zod";
import type { App } from "../../app.ts";
import { DirectoryAdmin, DirectoryError, parsePersonRef, type PersonRef } from "../../services/directory-admin.ts";
import { parseCommandArgs, UsageError } from "../args.ts";

const TEAM_USAGE = 'usage: kundepuls team [list]\n       kundepuls team set SLUG [--name NAME] [--lead PERSON] [--digest-cron "30 8 * * 1-5" | --digest-cron default]\n  PERSON: an e-mail, slack:<user id> or teams:<AAD object id>';
const OWNER_USAGE = "usage: kundepuls owner account|touchpoint NAME PERSON\n  PERSON: an e-mail, slack:<user id> or teams:<AAD object id>";

function person(text: string): PersonRef {
  const ref = parsePersonRef(text);
  if (typeof ref === "string") throw new UsageError(ref);
  return ref;
}

async function guarded(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof DirectoryError) throw new UsageError(error.message);
    throw error;
  }
}

const teamSchema = z.object({
  positionals: z.array(z.string()).max(2),
  name: z.string().trim().min(1).max(100).optional(),
  lead: z.string().optional(),
  "digest-cron": z.string().optional(),
});

export async function teamCommand(argv: string[], app: App, out: (s: string) => void): Promise<void> {
  const args = parseCommandArgs(argv, { name: { type: "string" }, lead: { type: "string" }, "digest-cron": { type: "string" } }, teamSchema, TEAM_USAGE);
  const admin = new DirectoryAdmin(app.db.prisma);
  const [action = "list", slug] = args.positionals;
  if (action === "list") {
    const lines = await admin.listTeams();
    out(lines.length > 0 ? lines.join("\n") + "\n" : "no teams yet (they appear with the first answer naming them, or: kundepuls team set SLUG)\n");
    return;
  }
  if (action !== "set" || !slug) throw new UsageError(TEAM_USAGE);
  const cron = args["digest-cron"];
  await guarded(async () =>
    out((await admin.setTeam(slug, { name: args.name, lead: args.lead ? person(args.lead) : undefined, digestCron: cron === undefined ? undefined : cron === "default" ? null : cron })) + "\n"),
  );
}

const ownerSchema = z.object({ positionals: z.array(z.string()).length(3, "give the kind (account or touchpoint), its name and the person") });

export async function ownerCommand(argv: string[], app: App, out: (s: string) => void): Promise<void> {
  const args = parseCommandArgs(argv, {}, ownerSchema, OWNER_USAGE);
  const [kind, name, who] = args.positionals as [string, string, string];
  if (kind !== "account" && kind !== "touchpoint") throw new UsageError(OWNER_USAGE);
  await guarded(async () => out((await new DirectoryAdmin(app.db.prisma).setOwner(kind, name, person(who))) + "\n"));
}
