// kundepuls team [list] | team set SLUG [--name NAME] [--lead PERSON] [--digest-cron "CRON"|default]
//                        [--weekly-cron "CRON"|default]
//                        [--slack-usergroup S0123|none] [--teams-team <id>|none]
// kundepuls team member add|remove SLUG PERSON | team members SLUG | team sync [SLUG]
// kundepuls owner account|touchpoint NAME PERSON
import { z } from "zod";
import type { App } from "../../app.ts";
import { parsePersonRef, PERSON_HELP, type PersonRef } from "../../core/person-ref.ts";
import { DirectoryAdmin, DirectoryError, type TeamSummary } from "../../services/directory-admin.ts";
import { RoleError } from "../../services/role-admin.ts";
import { parseCommandArgs, UsageError } from "../args.ts";
import { usageOf, type CliCommand, type CliIo, type Lang } from "../command.ts";
import { cliActor } from "../operator.ts";

const PERSON = { da: `  PERSON: ${PERSON_HELP.da}`, en: `  PERSON: ${PERSON_HELP.en}` };

export function person(text: string, lang: Lang): PersonRef {
  const ref = parsePersonRef(text);
  if ("da" in ref) throw new UsageError(ref[lang]);
  return ref;
}

/** Directory and role errors are the operator's to fix: one line, exit 2. */
export async function guarded(lang: Lang, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof DirectoryError || error instanceof RoleError) throw new UsageError(error.texts[lang]);
    throw error;
  }
}

function teamLine(t: TeamSummary, lang: Lang): string {
  const da = lang === "da";
  const lead = t.lead ?? (da ? "ingen" : "none");
  const digest = t.digestCron ?? (da ? "standardtidspunkt" : "default schedule");
  const weekly = t.weeklyCron ? (da ? `, ugeoverblik ${t.weeklyCron}` : `, weekly view ${t.weeklyCron}`) : "";
  const synced = [
    t.slackUsergroupId ? (da ? `medlemmer fra Slack-brugergruppen ${t.slackUsergroupId}` : `members from Slack user group ${t.slackUsergroupId}`) : null,
    t.teamsTeamId ? (da ? `medlemmer fra Teams-teamet ${t.teamsTeamId}` : `members from Teams team ${t.teamsTeamId}`) : null,
  ].filter(Boolean);
  const more = synced.length > 0 ? `, ${synced.join(", ")}` : "";
  return da ? `${t.slug} (${t.name}): leder ${lead}, digest ${digest}${weekly}${more}` : `${t.slug} (${t.name}): lead ${lead}, digest ${digest}${weekly}${more}`;
}

const unset = (v: string | undefined) => (v === undefined ? undefined : v === "none" ? null : v);

const teamSchema = (lang: Lang) =>
  z.object({
    positionals: z.array(z.string()).max(4),
    name: z.string().trim().min(1).max(100).optional(),
    lead: z.string().optional(),
    "digest-cron": z.string().optional(),
    "weekly-cron": z.string().optional(),
    "slack-usergroup": z.string().regex(/^(S[A-Z0-9]{2,}|none)$/, lang === "da" ? "skal være et Slack-brugergruppe-id som S0123ABC, eller none" : "must be a Slack user group id such as S0123ABC, or none").optional(),
    "teams-team": z.string().trim().min(1).optional(),
  });

const lines = (out: (s: string) => void, list: string[], empty: string) => out(list.length > 0 ? list.join("\n") + "\n" : empty + "\n");

export const teamCommand: CliCommand = {
  name: "team",
  needs: "app",
  synopsis: {
    da: '[list]\nset HOLD [--name NAVN] [--lead PERSON] [--digest-cron "CRON" | default]\n    [--weekly-cron "CRON" | default]\n    [--slack-usergroup S0123 | none] [--teams-team <Teams-team-id> | none]\nmember add|remove HOLD PERSON\nmembers HOLD\nsync [HOLD]',
    en: '[list]\nset TEAM [--name NAME] [--lead PERSON] [--digest-cron "CRON" | default]\n    [--weekly-cron "CRON" | default]\n    [--slack-usergroup S0123 | none] [--teams-team <Teams team id> | none]\nmember add|remove TEAM PERSON\nmembers TEAM\nsync [TEAM]',
  },
  summary: { da: "holdene, deres leder, medlemmer, digest- og ugeoverbliks-tidspunkt", en: "teams, their lead, members, digest and weekly-view schedule" },
  details: {
    da: `${PERSON.da}\n  sync: medlemmer fra holdenes Slack-brugergrupper, nu (ellers dagligt)\n  fx: kundepuls team set support --name Kundeservice --lead mette@firma.dk --digest-cron "30 8 * * 1-5"`,
    en: `${PERSON.en}\n  sync: members from the teams' Slack user groups, now (otherwise daily)\n  e.g. kundepuls team set support --name "Customer service" --lead mette@firma.dk --digest-cron "30 8 * * 1-5"`,
  },
  async run(argv: string[], app: App, { lang, out }: CliIo) {
    const da = lang === "da";
    const usage = usageOf(teamCommand, lang);
    const options = { name: { type: "string" }, lead: { type: "string" }, "digest-cron": { type: "string" }, "weekly-cron": { type: "string" }, "slack-usergroup": { type: "string" }, "teams-team": { type: "string" } } as const;
    const args = parseCommandArgs(argv, options, teamSchema(lang), usage, lang);
    const admin = new DirectoryAdmin(app.db.prisma, app.roles, cliActor());
    const [action = "list", ...rest] = args.positionals;
    await guarded(lang, async () => {
      if (action === "list" && rest.length === 0) {
        const empty = da ? "ingen hold endnu (de opstår med det første svar, der nævner dem, eller: kundepuls team set HOLD)" : "no teams yet (they appear with the first answer naming them, or: kundepuls team set TEAM)";
        return lines(out, (await admin.listTeams()).map((t) => teamLine(t, lang)), empty);
      }
      if (action === "members" && rest.length === 1) {
        return lines(out, await app.roles.members(rest[0]!, lang), da ? "ingen medlemmer endnu (kundepuls team member add HOLD PERSON)" : "no members yet (kundepuls team member add TEAM PERSON)");
      }
      if (action === "sync" && rest.length <= 1) {
        if (!app.slack) throw new UsageError(da ? "Slack er ikke sat op (SLACK_BOT_TOKEN): brugergrupper kan ikke læses" : "Slack is not configured (SLACK_BOT_TOKEN): user groups cannot be read");
        const none = da ? "intet hold har en Slack-brugergruppe (kundepuls team set HOLD --slack-usergroup S0123)" : "no team has a Slack user group (kundepuls team set TEAM --slack-usergroup S0123)";
        return lines(out, await app.roles.syncSlackGroups(new Date(), rest[0], lang), none);
      }
      if (action === "member" && rest.length === 3 && (rest[0] === "add" || rest[0] === "remove")) {
        const [verb, slug, who] = rest as [string, string, string];
        const ref = person(who, lang);
        const said = verb === "add" ? await app.roles.addMember(slug, ref, cliActor(), new Date(), lang) : await app.roles.removeMember(slug, ref, cliActor(), new Date(), lang);
        return out(said + "\n");
      }
      if (action !== "set" || rest.length !== 1) throw new UsageError(usage);
      const cron = args["digest-cron"];
      const weekly = args["weekly-cron"];
      const change = {
        name: args.name,
        lead: args.lead ? person(args.lead, lang) : undefined,
        digestCron: cron === undefined ? undefined : cron === "default" ? null : cron,
        weeklyCron: weekly === undefined ? undefined : weekly === "default" ? null : weekly,
        slackUsergroup: unset(args["slack-usergroup"]),
        teamsTeam: unset(args["teams-team"]),
      };
      out(teamLine(await admin.setTeam(rest[0]!, change), lang) + "\n");
      // a newly named user group is read at once, not tomorrow
      const synced = change.slackUsergroup && app.slack ? await app.roles.syncSlackGroups(new Date(), rest[0], lang) : [];
      if (synced.length > 0) out(synced.join("\n") + "\n");
    });
  },
};

const ownerSchema = (lang: Lang) =>
  z.object({
    positionals: z
      .array(z.string())
      .length(3, lang === "da" ? "angiv slagsen (account eller touchpoint), dens navn og personen" : "give the kind (account or touchpoint), its name and the person"),
  });

export const ownerCommand: CliCommand = {
  name: "owner",
  needs: "app",
  synopsis: { da: "account|touchpoint NAVN PERSON", en: "account|touchpoint NAME PERSON" },
  summary: { da: "hvem der får advarslerne for en kunde (account) eller et kontaktpunkt", en: "who gets the alerts for a customer account or a touchpoint" },
  details: PERSON,
  async run(argv: string[], app: App, { lang, out }: CliIo) {
    const usage = usageOf(ownerCommand, lang);
    const args = parseCommandArgs(argv, {}, ownerSchema(lang), usage, lang);
    const [kind, name, who] = args.positionals as [string, string, string];
    if (kind !== "account" && kind !== "touchpoint") throw new UsageError(usage);
    const ref = person(who, lang);
    await guarded(lang, async () => {
      const set = await new DirectoryAdmin(app.db.prisma, app.roles, cliActor()).setOwner(kind, name, ref);
      const what = lang === "da" ? (kind === "account" ? "kunde" : "kontaktpunkt") : kind;
      out(`${what} "${set.name}": ${lang === "da" ? "ejer" : "owner"} ${set.owner}\n`);
    });
  },
};
