// Kudos: a customer named an employee in a promoter comment. Recorded once per answer and person;
// counted per person and team for "/nps kudos", the weekly team view and the monthly report.
import type { Db } from "./database.ts";

export interface KudosFilter {
  from: Date;
  /** exclusive */
  to: Date;
  /** one team's kudos; all teams when absent */
  teamId?: number;
}

export interface KudosTally {
  personId: number;
  /** the person's name as Kundepuls knows it (null: only an e-mail or chat id is known) */
  name: string | null;
  email: string | null;
  teamId: number | null;
  count: number;
  /** "/nps kudos fra": count them, but never show the name (say "a colleague") */
  optedOut: boolean;
}

/** A member of a team as kudos see them: who may be thanked, and how to mention them. */
export interface KudosPerson {
  personId: number;
  name: string | null;
  slackUserId: string | null;
  teamsUserId: string | null;
  optedOut: boolean;
}

/** What kudos need of an answer. */
export interface KudosAnswer {
  id: number;
  score: number;
  comment: string | null;
  customerName: string | null;
  consentToShare: boolean;
  language: string | null;
  teamId: number | null;
  teamName: string | null;
  answeredAt: Date;
}

const personSelect = { id: true, name: true, slackUserId: true, teamsUserId: true, kudosOptOut: true } as const;
const asKudosPerson = (p: { id: number; name: string | null; slackUserId: string | null; teamsUserId: string | null; kudosOptOut: boolean }): KudosPerson => ({
  personId: p.id, name: p.name, slackUserId: p.slackUserId, teamsUserId: p.teamsUserId, optedOut: p.kudosOptOut,
});

export class KudosStore {
  constructor(private readonly prisma: Db) {}

  /** Records that the answer thanked these people; a re-delivered answer changes nothing. Returns the new ones. */
  async record(answerId: number, personIds: number[], teamId: number | null, answeredAt: Date): Promise<number[]> {
    const added: number[] = [];
    for (const personId of [...new Set(personIds)]) {
      const existing = await this.prisma.kudos.findUnique({ where: { answerId_personId: { answerId, personId } }, select: { id: true } });
      if (existing) continue;
      await this.prisma.kudos.create({ data: { answerId, personId, teamId, answeredAt } });
      added.push(personId);
    }
    return added;
  }

  /** Kudos per person and team answered in [from, to): most first, then by name (stable: ids break ties). */
  async tally(filter: KudosFilter): Promise<KudosTally[]> {
    const groups = await this.prisma.kudos.groupBy({
      by: ["personId", "teamId"],
      where: { answeredAt: { gte: filter.from, lt: filter.to }, ...(filter.teamId !== undefined ? { teamId: filter.teamId } : {}) },
      _count: { _all: true },
    });
    if (groups.length === 0) return [];
    const people = await this.prisma.person.findMany({ where: { id: { in: [...new Set(groups.map((g) => g.personId))] } }, select: { id: true, name: true, email: true, kudosOptOut: true } });
    const byId = new Map(people.map((p) => [p.id, p]));
    return groups
      .map((g) => ({ personId: g.personId, name: byId.get(g.personId)?.name ?? null, email: byId.get(g.personId)?.email ?? null, teamId: g.teamId, count: g._count._all, optedOut: byId.get(g.personId)?.kudosOptOut ?? false }))
      .sort((a, b) => b.count - a.count || (a.name ?? "").localeCompare(b.name ?? "", "da") || a.personId - b.personId || (a.teamId ?? 0) - (b.teamId ?? 0));
  }

  /** "/nps kudos fra|til": whether the person may be mentioned by name. */
  async setOptOut(personId: number, optOut: boolean): Promise<void> {
    await this.prisma.person.update({ where: { id: personId }, data: { kudosOptOut: optOut } });
  }

  async isOptedOut(personId: number): Promise<boolean> {
    const row = await this.prisma.person.findUnique({ where: { id: personId }, select: { kudosOptOut: true } });
    return row?.kudosOptOut ?? false;
  }

  async answer(answerId: number): Promise<KudosAnswer | null> {
    const a = await this.prisma.answer.findUnique({ where: { id: answerId }, include: { team: { select: { name: true } } } });
    return a && {
      id: a.id, score: a.score, comment: a.comment, customerName: a.customerName, consentToShare: a.consentToShare, language: a.language,
      teamId: a.teamId, teamName: a.team?.name ?? null, answeredAt: a.answeredAt,
    };
  }

  /** The team's members (any source) and its lead, once each, by person id: one query (it runs
   * for every promoter comment the follow-up worker sees). */
  async teamPeople(teamId: number): Promise<KudosPerson[]> {
    const people = await this.prisma.person.findMany({
      where: { OR: [{ memberships: { some: { teamId } } }, { ledTeams: { some: { id: teamId } } }] },
      select: personSelect,
      orderBy: { id: "asc" },
    });
    return people.map(asKudosPerson);
  }

  /** The people each of these answers thanked, in the order they were recorded. */
  async thankedBy(answerIds: number[]): Promise<Map<number, KudosPerson[]>> {
    const out = new Map<number, KudosPerson[]>();
    if (answerIds.length === 0) return out;
    const rows = await this.prisma.kudos.findMany({ where: { answerId: { in: answerIds } }, select: { answerId: true, person: { select: personSelect } }, orderBy: { id: "asc" } });
    for (const r of rows) out.set(r.answerId, [...(out.get(r.answerId) ?? []), asKudosPerson(r.person)]);
    return out;
  }

  /** Team id → name, for the teams a tally names. */
  async teamNames(teamIds: number[]): Promise<Map<number, string>> {
    if (teamIds.length === 0) return new Map();
    const teams = await this.prisma.team.findMany({ where: { id: { in: teamIds } }, select: { id: true, name: true } });
    return new Map(teams.map((t) => [t.id, t.name]));
  }
}
