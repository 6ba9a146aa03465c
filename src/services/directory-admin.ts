// Who owns what: team names, leads and digest schedules; account and touchpoint owners. People
// are named by e-mail, "slack:U0123" or "teams:<AAD object id>" and created on first mention.
import { parseDailyCronDetailed } from "../core/schedule.ts";
import { slugify } from "../core/slug.ts";
import type { Db } from "../store/database.ts";

export class DirectoryError extends Error {}

export type PersonRef = { email: string } | { slackUserId: string } | { teamsUserId: string };

/** "lene@firma.dk" | "slack:U0123" | "teams:2b1c…" → a reference, or an error text. */
export function parsePersonRef(text: string): PersonRef | string {
  const t = text.trim();
  if (/^slack:[UW][A-Z0-9]{2,}$/i.test(t)) return { slackUserId: t.slice(6).toUpperCase() };
  if (/^teams:[0-9a-f-]{8,}$/i.test(t)) return { teamsUserId: t.slice(6).toLowerCase() };
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t)) return { email: t.toLowerCase() };
  return `"${text}" is not a person: give an e-mail, slack:<user id> or teams:<AAD object id>`;
}

export class DirectoryAdmin {
  constructor(private readonly prisma: Db) {}

  private async person(ref: PersonRef, name?: string): Promise<{ id: number; label: string }> {
    const [field, value] = Object.entries(ref)[0] as ["email" | "slackUserId" | "teamsUserId", string];
    const existing = await this.prisma.person.findFirst({ where: { [field]: value } });
    const row = existing ?? (await this.prisma.person.create({ data: { [field]: value, name: name ?? null } }));
    return { id: row.id, label: row.name ?? row.email ?? value };
  }

  /** Creates or updates a team. `digestCron: null` goes back to the global DIGEST_CRON. */
  async setTeam(slugOrName: string, change: { name?: string; lead?: PersonRef; digestCron?: string | null }): Promise<string> {
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
    };
    const team = await this.prisma.team.upsert({ where: { slug }, create: { slug, name: change.name ?? slugOrName.trim(), ...data }, update: data, include: { lead: true } });
    const leadText = team.lead ? (team.lead.name ?? team.lead.email ?? team.lead.slackUserId ?? team.lead.teamsUserId) : "none";
    return `${team.slug} (${team.name}): lead ${leadText}, digest ${team.digestCron ?? "default schedule"}`;
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
    return teams.map((t) => `${t.slug} (${t.name}): lead ${t.lead ? (t.lead.name ?? t.lead.email ?? t.lead.slackUserId ?? t.lead.teamsUserId) : "none"}, digest ${t.digestCron ?? "default schedule"}`);
  }
}
