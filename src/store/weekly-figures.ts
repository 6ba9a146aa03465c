// What the weekly team view reads besides answers, themes, cases and kudos: the teams with their
// own weekly schedule.
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

}
