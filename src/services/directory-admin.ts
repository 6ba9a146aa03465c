// Who owns what: team names, leads and digest schedules; account and touchpoint owners. People
// are named by e-mail, "slack:U0123" or "teams:<AAD object id>" and created on first mention.
import { parseDailyCronDetailed } from "../core/schedule.ts";
import { slugify } from "../core/slug.ts";
import type { PersonRef } from "../core/person-ref.ts";
import type { AuditActor } from "../store/audit.ts";
import type { Db } from "../store/database.ts";
import { label, type RoleAdmin } from "./role-admin.ts";

export class DirectoryError extends Error {}

export { parsePersonRef, type PersonRef } from "../core/person-ref.ts";

export class DirectoryAdmin {
  constructor(private readonly prisma: Db, private readonly roles: RoleAdmin, private readonly by: AuditActor) {}

  private async person(ref: PersonRef): Promise<{ id: number; label: string }> {
    const row = await this.roles.person(ref);
    return { id: row.id, label: label(row) };
  }

  /** Creates or updates a team. `digestCron: null` goes back to the global DIGEST_CRON. */
  async setTeam(slugOrName: string, change: { name?: string; lead?: PersonRef; digestCron?: string | null; slackUsergroup?: string | null; teamsTeam?: string | null }): Promise<string> {
    const slug = slugify(slugOrName);
    if (!slug) throw new DirectoryError(`"${slugOrName}" is not a team name`);
    if (change.digestCron) {
      const parsed = parseDailyCronDetailed(change.digestCron);
      if (!parsed.ok) throw new DirectoryError(parsed.error.en);
    }
    const lead = change.lead ? await this.person(change.lead) : undefined;
    const data = {
      ...(change.name ? { name: change.name } : {}),
      ...(lead ? { leadId: lead.id } : {}),
      ...(change.digestCron !== undefined ? { digestCron: change.digestCron } : {}),
      ...(change.slackUsergroup !== undefined ? { slackUsergroupId: change.slackUsergroup } : {}),
      ...(change.teamsTeam !== undefined ? { teamsTeamId: change.teamsTeam } : {}),
    };
    const team = await this.prisma.team.upsert({ where: { slug }, create: { slug, name: change.name ?? slugOrName.trim(), ...data }, update: data, include: { lead: true } });
    if (lead) await this.roles.leadSet(team.id, lead.id, this.by);
    return describeTeam(team);
  }

  async setOwner(kind: "account" | "touchpoint", name: string, owner: PersonRef): Promise<string> {
    const person = await this.person(owner);
    const key = name.trim();
    if (!key) throw new DirectoryError(`name the ${kind}`);
    if (kind === "account") await this.prisma.account.upsert({ where: { name: key }, create: { name: key, ownerId: person.id }, update: { ownerId: person.id } });
    else await this.prisma.touchpoint.upsert({ where: { name: key }, create: { name: key, ownerId: person.id }, update: { ownerId: person.id } });
    return `${kind} "${key}": owner ${person.label}`;
  }

  async listTeams(): Promise<string[]> {
    const teams = await this.prisma.team.findMany({ include: { lead: true }, orderBy: { slug: "asc" } });
    return teams.map(describeTeam);
  }
}

type TeamWithLead = { slug: string; name: string; digestCron: string | null; slackUsergroupId: string | null; teamsTeamId: string | null; lead: Parameters<typeof label>[0] | null };

function describeTeam(t: TeamWithLead): string {
  const synced = [t.slackUsergroupId ? `members from Slack user group ${t.slackUsergroupId}` : null, t.teamsTeamId ? `members from Teams team ${t.teamsTeamId}` : null].filter(Boolean);
  return `${t.slug} (${t.name}): lead ${t.lead ? label(t.lead) : "none"}, digest ${t.digestCron ?? "default schedule"}${synced.length > 0 ? `, ${synced.join(", ")}` : ""}`;
}
