// What the weekly team view reads besides answers, themes and kudos: the teams with their own
// weekly schedule, and a team's detractor cases of a window (for core/closed-loop.ts).
import type { LoopCase, LoopWindow } from "../core/closed-loop.ts";
import type { Db } from "./database.ts";

export interface WeeklyTeam {
  id: number;
  slug: string;
  name: string;
  /** the team's own schedule; null = WEEKLY_CRON */
  weeklyCron: string | null;
}

export class WeeklyFiguresStore {
  constructor(private readonly prisma: Db) {}

  /** Every team (or the one with this slug), by slug. */
  async teams(slug?: string): Promise<WeeklyTeam[]> {
    return this.prisma.team.findMany({
      where: slug ? { slug } : {},
      select: { id: true, slug: true, name: true, weeklyCron: true },
      orderBy: { slug: "asc" },
    });
  }

  /** The team's cases opened or resolved in the window (closedLoop picks each figure's own). */
  async loopCases(teamId: number, window: LoopWindow): Promise<LoopCase[]> {
    return this.prisma.detractorCase.findMany({
      where: {
        teamId,
        OR: [{ openedAt: { gte: window.from, lt: window.to } }, { resolvedAt: { gte: window.from, lt: window.to } }],
      },
      select: { openedAt: true, claimedAt: true, resolvedAt: true, outcome: true },
      orderBy: { id: "asc" },
    });
  }
}
