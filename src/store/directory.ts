// Teams and touchpoints: looked up by slug/name, created on first mention by an answer.
// Ids are cached per process; creation is an upsert so concurrent writers agree, and within the
// process one creation per name is in flight at a time (groups of answers are written at once on
// PostgreSQL, and two upserts of one new name can still clash on its unique key there).
import { slugify } from "../core/slug.ts";
import type { Db } from "./database.ts";

export interface TeamRow {
  id: number;
  slug: string;
  name: string;
}

/** The name a team gets when an answer first mentions its slug (renamed later by an admin). */
export const defaultTeamName = (slug: string) => slug.charAt(0).toUpperCase() + slug.slice(1);

export class Directory {
  private teamIds = new Map<string, number>();
  private touchpointIds = new Map<string, number>();
  private readonly creating = new Map<string, Promise<number>>();

  constructor(private readonly prisma: Db) {}

  async teamId(slug: string): Promise<number> {
    const cached = this.teamIds.get(slug);
    if (cached !== undefined) return cached;
    return this.once(`team:${slug}`, this.teamIds, slug, () =>
      this.prisma.team.upsert({ where: { slug }, create: { slug, name: defaultTeamName(slug) }, update: {}, select: { id: true } }),
    );
  }

  /** Runs `create` once for concurrent callers naming the same thing; caches the id it gives. */
  private once(key: string, cache: Map<string, number>, name: string, create: () => Promise<{ id: number }>): Promise<number> {
    let pending = this.creating.get(key);
    if (!pending) {
      pending = create()
        .then((row) => (cache.set(name, row.id), row.id))
        .finally(() => this.creating.delete(key));
      this.creating.set(key, pending);
    }
    return pending;
  }

  /**
   * Where answers naming these slugs go: the team with that slug; else an existing team whose
   * display name reads the same, case and accents aside (a CSV's "Kundeservice" goes to the team
   * `support` named "Kundeservice" instead of starting a team `kundeservice`); else a new team of
   * that slug. Slugs known to exist cost nothing; others read the team list once.
   */
  async resolveTeams(slugs: readonly string[]): Promise<Map<string, string>> {
    const resolved = new Map<string, string>();
    const unknown = slugs.filter((slug) => !this.teamIds.has(slug));
    for (const slug of slugs) if (this.teamIds.has(slug)) resolved.set(slug, slug);
    if (unknown.length === 0) return resolved;
    const teams = await this.prisma.team.findMany({ select: { id: true, slug: true, name: true }, orderBy: { id: "asc" } });
    const bySlug = new Map(teams.map((t) => [t.slug, t.id]));
    const byName = new Map<string, string>();
    for (const t of teams) if (!byName.has(slugify(t.name))) byName.set(slugify(t.name), t.slug); // the oldest team wins a shared name
    for (const slug of unknown) {
      const id = bySlug.get(slug);
      if (id !== undefined) this.teamIds.set(slug, id);
      resolved.set(slug, id !== undefined ? slug : (byName.get(slug) ?? slug));
    }
    return resolved;
  }

  async touchpointId(name: string): Promise<number> {
    const cached = this.touchpointIds.get(name);
    if (cached !== undefined) return cached;
    return this.once(`touchpoint:${name}`, this.touchpointIds, name, () =>
      this.prisma.touchpoint.upsert({ where: { name }, create: { name }, update: {}, select: { id: true } }),
    );
  }

  async findTeam(slug: string): Promise<TeamRow | null> {
    return this.prisma.team.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } });
  }

  async findTouchpoint(name: string): Promise<{ id: number; name: string } | null> {
    return this.prisma.touchpoint.findFirst({ where: { name }, select: { id: true, name: true } });
  }

  async listTeams(): Promise<TeamRow[]> {
    return this.prisma.team.findMany({ select: { id: true, slug: true, name: true }, orderBy: { slug: "asc" } });
  }

  /** Teams whose members are synced from a Slack user group. */
  async teamsWithSlackUsergroup(): Promise<(TeamRow & { slackUsergroupId: string })[]> {
    const rows = await this.prisma.team.findMany({ where: { slackUsergroupId: { not: null } }, select: { id: true, slug: true, name: true, slackUsergroupId: true }, orderBy: { slug: "asc" } });
    return rows.map((t) => ({ ...t, slackUsergroupId: t.slackUsergroupId! }));
  }

  /** Teams whose members are synced from this Teams team's roster. */
  async teamsWithTeamsTeam(teamsTeamId: string): Promise<TeamRow[]> {
    return this.prisma.team.findMany({ where: { teamsTeamId }, select: { id: true, slug: true, name: true }, orderBy: { slug: "asc" } });
  }

  async listTouchpoints(): Promise<string[]> {
    const rows = await this.prisma.touchpoint.findMany({ select: { name: true }, orderBy: { name: "asc" } });
    return rows.map((r) => r.name);
  }
}
