// Team membership: added by hand (`kundepuls team member add`) or synced from a Slack user group
// or a Teams team's roster. A sync replaces the previous synced set of its source; manual rows stay.
import type { Db } from "./database.ts";

export type MemberSource = "manual" | "slack" | "teams";

export interface MemberRow {
  personId: number;
  name: string | null;
  email: string | null;
  slackUserId: string | null;
  teamsUserId: string | null;
  sources: MemberSource[];
}

export class MembershipStore {
  constructor(private readonly prisma: Db) {}

  /** true when the row is new */
  async add(teamId: number, personId: number, source: MemberSource): Promise<boolean> {
    const key = { teamId, personId, source };
    if (await this.prisma.teamMember.findUnique({ where: { teamId_personId_source: key } })) return false;
    return this.prisma.teamMember.create({ data: key }).then(
      () => true,
      (error: { code?: string }) => {
        if (error.code === "P2002") return false;
        throw error;
      },
    );
  }

  /** true when a row was removed */
  async remove(teamId: number, personId: number, source: MemberSource): Promise<boolean> {
    return (await this.prisma.teamMember.deleteMany({ where: { teamId, personId, source } })).count > 0;
  }

  /** The synced set of `source` becomes exactly `personIds`, in one transaction. */
  async replaceSynced(teamId: number, source: Exclude<MemberSource, "manual">, personIds: number[]): Promise<{ added: number; removed: number }> {
    const wanted = [...new Set(personIds)];
    return this.prisma.$transaction(async (tx) => {
      const removed = await tx.teamMember.deleteMany({ where: { teamId, source, personId: { notIn: wanted } } });
      const have = new Set((await tx.teamMember.findMany({ where: { teamId, source }, select: { personId: true } })).map((r) => r.personId));
      const fresh = wanted.filter((id) => !have.has(id));
      if (fresh.length > 0) await tx.teamMember.createMany({ data: fresh.map((personId) => ({ teamId, personId, source })) });
      return { added: fresh.length, removed: removed.count };
    });
  }

  async list(teamId: number): Promise<MemberRow[]> {
    const rows = await this.prisma.teamMember.findMany({ where: { teamId }, include: { person: true }, orderBy: [{ personId: "asc" }, { source: "asc" }] });
    const byPerson = new Map<number, MemberRow>();
    for (const r of rows) {
      const row = byPerson.get(r.personId) ?? { personId: r.personId, name: r.person.name, email: r.person.email, slackUserId: r.person.slackUserId, teamsUserId: r.person.teamsUserId, sources: [] };
      row.sources.push(r.source as MemberSource);
      byPerson.set(r.personId, row);
    }
    return [...byPerson.values()];
  }
}
