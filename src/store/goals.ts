// Team loyalty goals (table Goal): a new goal supersedes the team's current one, which stays as
// history. The two writes of a replacement happen in one transaction, so a team never has two
// current goals (or none) in between.
import type { Db } from "./database.ts";

export interface GoalRow {
  id: number;
  teamId: number;
  targetNps: number;
  minResponses: number | null;
  startsAt: Date;
  dueAt: Date;
  createdBy: string | null;
  createdAt: Date;
  supersededAt: Date | null;
}

export class GoalStore {
  constructor(private readonly prisma: Db) {}

  /** Sets the team's goal from now; `replaced`: it had one before. */
  async replace(teamId: number, input: { targetNps: number; dueAt: Date; minResponses: number | null; by: string | null }, now: Date): Promise<{ goal: GoalRow; replaced: boolean }> {
    return this.prisma.$transaction(async (tx) => {
      const replaced = await tx.goal.updateMany({ where: { teamId, supersededAt: null }, data: { supersededAt: now } });
      const goal = await tx.goal.create({
        data: { teamId, targetNps: input.targetNps, minResponses: input.minResponses, startsAt: now, dueAt: input.dueAt, createdBy: input.by, createdAt: now },
      });
      return { goal, replaced: replaced.count > 0 };
    });
  }

  async current(teamId: number): Promise<GoalRow | null> {
    return this.prisma.goal.findFirst({ where: { teamId, supersededAt: null }, orderBy: { id: "desc" } });
  }

  /** Every goal the team had, oldest first. */
  async history(teamId: number): Promise<GoalRow[]> {
    return this.prisma.goal.findMany({ where: { teamId }, orderBy: { id: "asc" } });
  }
}
