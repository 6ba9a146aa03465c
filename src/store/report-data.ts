// What the monthly report for management reads: every team, the answers of a period counted per
// team (one grouped query for all teams, not one per team) and which teams have a goal.
import { countsFromHistogram, type ScoreCounts } from "../core/nps.ts";
import type { Db } from "./database.ts";

export interface ReportWindow {
  from: Date;
  /** exclusive */
  to: Date;
}

export interface ReportTeam {
  id: number;
  slug: string;
  name: string;
}

export interface PeriodCounts {
  /** per team id; answers without a team are only in `company` */
  byTeam: Map<number, ScoreCounts>;
  company: ScoreCounts;
}

export class ReportDataStore {
  constructor(private readonly prisma: Db) {}

  /** Every team, by name (as management reads the list). */
  async teams(): Promise<ReportTeam[]> {
    const rows = await this.prisma.team.findMany({ select: { id: true, slug: true, name: true } });
    return rows.sort((a, b) => a.name.localeCompare(b.name, "da") || a.id - b.id);
  }

  /** The window's answers counted per team and for the whole company. */
  async counts(window: ReportWindow): Promise<PeriodCounts> {
    const groups = await this.prisma.answer.groupBy({
      by: ["teamId", "score"],
      where: { answeredAt: { gte: window.from, lt: window.to } },
      _count: { _all: true },
    });
    const perTeam = new Map<number, { score: number; count: number }[]>();
    for (const g of groups) {
      if (g.teamId === null) continue;
      const rows = perTeam.get(g.teamId) ?? [];
      rows.push({ score: g.score, count: g._count._all });
      perTeam.set(g.teamId, rows);
    }
    return {
      byTeam: new Map([...perTeam].map(([teamId, rows]) => [teamId, countsFromHistogram(rows)])),
      company: countsFromHistogram(groups.map((g) => ({ score: g.score, count: g._count._all }))),
    };
  }

  /** Ids of the teams that have a current goal (only those are asked for their progress). */
  async teamsWithGoal(): Promise<Set<number>> {
    const rows = await this.prisma.goal.findMany({ where: { supersededAt: null }, select: { teamId: true }, distinct: ["teamId"] });
    return new Set(rows.map((r) => r.teamId));
  }

}
