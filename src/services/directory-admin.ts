// Who owns what: team names, leads, digest and weekly-view schedules; account and touchpoint owners. People
// are named by e-mail, "slack:U0123" or "teams:<AAD object id>" and created on first mention.
import { parseDailyCronDetailed } from "../core/schedule.ts";
import type { Texts } from "../core/periods.ts";
import { slugify } from "../core/slug.ts";
import type { PersonRef } from "../core/person-ref.ts";
import type { AuditActor } from "../store/audit.ts";
import type { Db } from "../store/database.ts";
import type { RoleAdmin } from "./role-admin.ts";

/** A refused change, said in both languages. */
export class DirectoryError extends Error {
  constructor(readonly texts: Texts) {
    super(texts.en);
  }
}

/** A team as the admin commands show it: the lead by name or e-mail where known. */
export interface TeamSummary {
  slug: string;
  name: string;
  lead: string | null;
  digestCron: string | null;
  /** the weekly team view's own schedule; null = WEEKLY_CRON */
  weeklyCron: string | null;
  /** where members are synced from: a Slack user group id, a Teams team id */
  slackUsergroupId: string | null;
  teamsTeamId: string | null;
}

type PersonRow = { name: string | null; email: string | null; slackUserId: string | null; teamsUserId: string | null };

/** "Mette Holm <mette@firma.dk>", "Mette Holm", "mette@firma.dk"; without either, the reference it was given by. */
function personLabel(p: PersonRow): string {
  if (p.name && p.email) return `${p.name} <${p.email}>`;
  return p.name ?? p.email ?? (p.slackUserId ? `slack:${p.slackUserId}` : `teams:${p.teamsUserId}`);
}

type TeamWithLead = { slug: string; name: string; digestCron: string | null; weeklyCron: string | null; slackUsergroupId: string | null; teamsTeamId: string | null; lead: PersonRow | null };

const summary = (t: TeamWithLead): TeamSummary => ({
  slug: t.slug,
  name: t.name,
  lead: t.lead ? personLabel(t.lead) : null,
  digestCron: t.digestCron,
  weeklyCron: t.weeklyCron,
  slackUsergroupId: t.slackUsergroupId,
  teamsTeamId: t.teamsTeamId,
});

export { parsePersonRef, type PersonRef } from "../core/person-ref.ts";

export class DirectoryAdmin {
  constructor(private readonly prisma: Db, private readonly roles: RoleAdmin, private readonly by: AuditActor) {}

  private async person(ref: PersonRef): Promise<{ id: number; label: string }> {
    const row = await this.roles.person(ref);
    return { id: row.id, label: personLabel(row) };
  }

  /** Creates or updates a team. `digestCron: null` goes back to the global DIGEST_CRON, `weeklyCron: null` to WEEKLY_CRON. */
  async setTeam(slugOrName: string, change: { name?: string; lead?: PersonRef; digestCron?: string | null; weeklyCron?: string | null; slackUsergroup?: string | null; teamsTeam?: string | null }): Promise<TeamSummary> {
    const slug = slugify(slugOrName);
    if (!slug) throw new DirectoryError({ da: `"${slugOrName}" er ikke et holdnavn`, en: `"${slugOrName}" is not a team name` });
    for (const cron of [change.digestCron, change.weeklyCron]) {
      if (!cron) continue;
      const parsed = parseDailyCronDetailed(cron);
      if (!parsed.ok) throw new DirectoryError(parsed.error);
    }
    const lead = change.lead ? await this.person(change.lead) : undefined;
    const data = {
      ...(change.name ? { name: change.name } : {}),
      ...(lead ? { leadId: lead.id } : {}),
      ...(change.digestCron !== undefined ? { digestCron: change.digestCron } : {}),
      ...(change.weeklyCron !== undefined ? { weeklyCron: change.weeklyCron } : {}),
      ...(change.slackUsergroup !== undefined ? { slackUsergroupId: change.slackUsergroup } : {}),
      ...(change.teamsTeam !== undefined ? { teamsTeamId: change.teamsTeam } : {}),
    };
    const team = await this.prisma.team.upsert({ where: { slug }, create: { slug, name: change.name ?? slugOrName.trim(), ...data }, update: data, include: { lead: true } });
    if (lead) await this.roles.leadSet(team.id, lead.id, this.by);
    return summary(team);
  }

  /** Sets who owns an account or a touchpoint; returns the owner's label. */
  async setOwner(kind: "account" | "touchpoint", name: string, owner: PersonRef): Promise<{ name: string; owner: string }> {
    const key = name.trim();
    if (!key) throw new DirectoryError({ da: `nævn ${kind === "account" ? "kunden" : "kontaktpunktet"}`, en: `name the ${kind}` });
    const person = await this.person(owner);
    if (kind === "account") await this.prisma.account.upsert({ where: { name: key }, create: { name: key, ownerId: person.id }, update: { ownerId: person.id } });
    else await this.prisma.touchpoint.upsert({ where: { name: key }, create: { name: key, ownerId: person.id }, update: { ownerId: person.id } });
    return { name: key, owner: person.label };
  }

  async listTeams(): Promise<TeamSummary[]> {
    const teams = await this.prisma.team.findMany({ include: { lead: true }, orderBy: { slug: "asc" } });
    return teams.map(summary);
  }
}

