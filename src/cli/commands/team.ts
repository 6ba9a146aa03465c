// kundepuls team [list] | team set SLUG [--name NAME] [--lead PERSON] [--digest-cron "CRON"|default]
//                        [--slack-usergroup S0123|none] [--teams-team <id>|none]
// kundepuls team member add|remove SLUG PERSON | team members SLUG | team sync [SLUG]
// kundepuls owner account|touchpoint NAME PERSON
import { z } from "zod";
import type { App } from "../../app.ts";
import { parsePersonRef, PERSON_HELP, type PersonRef } from "../../core/person-ref.ts";
import { DirectoryAdmin, DirectoryError } from "../../services/directory-admin.ts";
import { RoleError } from "../../services/role-admin.ts";
import { parseCommandArgs, UsageError } from "../args.ts";
import { cliActor } from "../operator.ts";

const TEAM_USAGE = `usage: kundepuls team [list]
       kundepuls team set SLUG [--name NAME] [--lead PERSON] [--digest-cron "30 8 * * 1-5" | --digest-cron default]
                               [--slack-usergroup S0123 | none] [--teams-team <Teams team id> | none]
       kundepuls team member add|remove SLUG PERSON
       kundepuls team members SLUG
       kundepuls team sync [SLUG]      members from the teams' Slack user groups, now
  PERSON: ${PERSON_HELP}`;
const OWNER_USAGE = `usage: kundepuls owner account|touchpoint NAME PERSON\n  PERSON: ${PERSON_HELP}`;

export function person(text: string): PersonRef {
  const ref = parsePersonRef(text);
  if (typeof ref === "string") throw new UsageError(ref);
  return ref;
}

/** Directory and role errors are the operator's to fix: one line, exit 2. */
export async function guarded(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof DirectoryError || error instanceof RoleError) throw new UsageError(error.message);
    throw error;
  }
}

const unset = (v: string | undefined) => (v === undefined ? undefined : v === "none" ? null : v);

const teamSchema = z.object({
  positionals: z.array(z.string()).max(4),
  name: z.string().trim().min(1).max(100).optional(),
  lead: z.string().optional(),
  "digest-cron": z.string().optional(),
  "slack-usergroup": z.string().regex(/^(S[A-Z0-9]{2,}|none)$/, "must be a Slack user group id such as S0123ABC, or none").optional(),
  "teams-team": z.string().trim().min(1).optional(),
});

const lines = (out: (s: string) => void, list: string[], empty: string) => out(list.length > 0 ? list.join("\n") + "\n" : empty + "\n");

export async function teamCommand(argv: string[], app: App, out: (s: string) => void): Promise<void> {
  const options = { name: { type: "string" }, lead: { type: "string" }, "digest-cron": { type: "string" }, "slack-usergroup": { type: "string" }, "teams-team": { type: "string" } } as const;
  const args = parseCommandArgs(argv, options, teamSchema, TEAM_USAGE);
  const admin = new DirectoryAdmin(app.db.prisma, app.roles, cliActor());
  const [action = "list", ...rest] = args.positionals;
  await guarded(async () => {
    if (action === "list" && rest.length === 0) return lines(out, await admin.listTeams(), "no teams yet (they appear with the first answer naming them, or: kundepuls team set SLUG)");
    if (action === "members" && rest.length === 1) return lines(out, await app.roles.members(rest[0]!), "no members yet (kundepuls team member add SLUG PERSON)");
    if (action === "sync" && rest.length <= 1) {
      if (!app.slack) throw new UsageError("Slack is not configured (SLACK_BOT_TOKEN): user groups cannot be read");
      return lines(out, await app.roles.syncSlackGroups(new Date(), rest[0]), "no team has a Slack user group (kundepuls team set SLUG --slack-usergroup S0123)");
    }
    if (action === "member" && rest.length === 3 && (rest[0] === "add" || rest[0] === "remove")) {
      const [verb, slug, who] = rest as [string, string, string];
      return out((verb === "add" ? await app.roles.addMember(slug, person(who), cliActor()) : await app.roles.removeMember(slug, person(who), cliActor())) + "\n");
    }
    if (action !== "set" || rest.length !== 1) throw new UsageError(TEAM_USAGE);
    const cron = args["digest-cron"];
    const change = {
      name: args.name,
      lead: args.lead ? person(args.lead) : undefined,
      digestCron: cron === undefined ? undefined : cron === "default" ? null : cron,
      slackUsergroup: unset(args["slack-usergroup"]),
      teamsTeam: unset(args["teams-team"]),
    };
    out((await admin.setTeam(rest[0]!, change)) + "\n");
    // a newly named user group is read at once, not tomorrow
    const synced = change.slackUsergroup && app.slack ? await app.roles.syncSlackGroups(new Date(), rest[0]) : [];
    if (synced.length > 0) out(synced.join("\n") + "\n");
  });
}

const ownerSchema = z.object({ positionals: z.array(z.string()).length(3, "give the kind (account or touchpoint), its name and the person") });

export async function ownerCommand(argv: string[], app: App, out: (s: string) => void): Promise<void> {
  const args = parseCommandArgs(argv, {}, ownerSchema, OWNER_USAGE);
  const [kind, name, who] = args.positionals as [string, string, string];
  if (kind !== "account" && kind !== "touchpoint") throw new UsageError(OWNER_USAGE);
  await guarded(async () => out((await new DirectoryAdmin(app.db.prisma, app.roles, cliActor()).setOwner(kind, name, person(who))) + "\n"));
}
