// Teams as the services need them: found by slug, listed for menus and the digest, led by a
// person, and changed by the admin commands (name, lead, digest schedule, member sync source).
// Answers find or create their team through store/directory.ts, which caches the ids.
import type { Db } from "./database.ts";

export interface TeamRecord {
  id: number;
  slug: string;
  name: string;
  leadId: number | null;
  /** cron expression for the daily digest; null = the global default */
  digestCron: string | null;
  weeklyCron: string | null;
  slackUsergroupId: string | null;
  teamsTeamId: string | null;
}

/** A team with its lead as the admin commands show it. */
export interface TeamWithLead extends TeamRecord {
  lead: { name: string | null; email: string | null; slackUserId: string | null; teamsUserId: string | null } | null;
}

export type TeamChange = Partial<Pick<TeamRecord, "name" | "leadId" | "digestCron" | "weeklyCron" | "slackUsergroupId" | "teamsTeamId">>;

const RECORD = { id: true, slug: true, name: true, leadId: true, digestCron: true, weeklyCron: true, slackUsergroupId: true, teamsTeamId: true } as const;

export class TeamStore {
  constructor(private readonly prisma: Db) {}

  async bySlug(slug: string): Promise<TeamRecord | null> {
    return this.prisma.team.findUnique({ where: { slug }, select: RECORD });
  }

  /** Every team, by slug. */
  async all(): Promise<TeamRecord[]> {
    return this.prisma.team.findMany({ select: RECORD, orderBy: { slug: "asc" } });
  }

  /** The slugs of every team (what "I do not know that team" lists). */
  async slugs(): Promise<string[]> {
    return (await this.prisma.team.findMany({ select: { slug: true }, orderBy: { slug: "asc" } })).map((t) => t.slug);
  }

  /** The first `limit` teams by name, for a menu (the story form). */
  async choices(limit: number): Promise<{ slug: string; name: string }[]> {
    return this.prisma.team.findMany({ select: { slug: true, name: true }, orderBy: { name: "asc" }, take: limit });
  }

  /** The teams a person leads, by slug. */
  async ledBy(personId: number): Promise<TeamRecord[]> {
    return this.prisma.team.findMany({ where: { leadId: personId }, select: RECORD, orderBy: { slug: "asc" } });
  }

  /** Creates the team (named `name` unless the change names it) or changes it; with its lead. */
  async save(slug: string, name: string, change: TeamChange): Promise<TeamWithLead> {
    return this.prisma.team.upsert({ where: { slug }, create: { slug, name, ...change }, update: change, select: { ...RECORD, lead: true } });
  }

  async allWithLeads(): Promise<TeamWithLead[]> {
    return this.prisma.team.findMany({ select: { ...RECORD, lead: true }, orderBy: { slug: "asc" } });
  }
}
