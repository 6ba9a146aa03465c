// Who owns what: team names, leads and digest schedules; account and touchpoint owners. People
// are named by e-mail, "slack:U0123" or "teams:<AAD object id>" and created on first mention.
import { parseDailyCronDetailed } from "../core/schedule.ts";
import type { Texts } from "../core/periods.ts";
import { slugify } from "../core/slug.ts";
import type { Db } from "../store/database.ts";

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
}

type PersonRow = { name: string | null; email: string | null; slackUserId: string | null; teamsUserId: string | null };

/** "Mette Holm <mette@firma.dk>", "Mette Holm", "mette@firma.dk"; without either, the reference it was given by. */
function personLabel(p: PersonRow): string {
  if (p.name && p.email) return `${p.name} <${p.email}>`;
  return p.name ?? p.email ?? (p.slackUserId ? `slack:${p.slackUserId}` : `teams:${p.teamsUserId}`);
}

const summary = (t: { slug: string; name: string; digestCron: string | null; lead: PersonRow | null }): TeamSummary => ({
  slug: t.slug,
  name: t.name,
  lead: t.lead ? personLabel(t.lead) : null,
  digestCron: t.digestCron,
});

export type PersonRef = { email: string } | { slackUserId: string } | { teamsUserId: string };

/** "lene@firma.dk" | "slack:U0123" | "teams:2b1c…" → a reference, or an error text. */
export function parsePersonRef(text: string): PersonRef | Texts {
  const t = text.trim();
  if (/^slack:[UW][A-Z0-9]{2,}$/i.test(t)) return { slackUserId: t.slice(6).toUpperCase() };
  if (/^teams:[0-9a-f-]{8,}$/i.test(t)) return { teamsUserId: t.slice(6).toLowerCase() };
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t)) return { email: t.toLowerCase() };
  return {
    da: `"${text}" er ikke en person: angiv en e-mail, slack:<bruger-id> eller teams:<AAD-objekt-id>`,
    en: `"${text}" is not a person: give an e-mail, slack:<user id> or teams:<AAD object id>`,
  };
}

export class DirectoryAdmin {
  constructor(private readonly prisma: Db) {}

  private async person(ref: PersonRef, name?: string): Promise<{ id: number; label: string }> {
    const [field, value] = Object.entries(ref)[0] as ["email" | "slackUserId" | "teamsUserId", string];
    const existing = await this.prisma.person.findFirst({ where: { [field]: value } });
    const row = existing ?? (await this.prisma.person.create({ data: { [field]: value, name: name ?? null } }));
    return { id: row.id, label: personLabel(row) };
  }

  /** Creates or updates a team. `digestCron: null` goes back to the global DIGEST_CRON. */
  async setTeam(slugOrName: string, change: { name?: string; lead?: PersonRef; digestCron?: string | null }): Promise<TeamSummary> {
    const slug = slugify(slugOrName);
    if (!slug) throw new DirectoryError({ da: `"${slugOrName}" er ikke et holdnavn`, en: `"${slugOrName}" is not a team name` });
    if (change.digestCron) {
      const parsed = parseDailyCronDetailed(change.digestCron);
      if (!parsed.ok) throw new DirectoryError(parsed.error);
    }
    const lead = change.lead ? await this.person(change.lead) : undefined;
    const data = {
      ...(change.name ? { name: change.name } : {}),
      ...(lead ? { leadId: lead.id } : {}),
      ...(change.digestCron !== undefined ? { digestCron: change.digestCron } : {}),
    };
    const team = await this.prisma.team.upsert({ where: { slug }, create: { slug, name: change.name ?? slugOrName.trim(), ...data }, update: data, include: { lead: true } });
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
