// Team loyalty goals: set (keeping the history), and progress against them with a forecast.
import { goalProgress, type GoalProgress } from "../core/goals.ts";
import { computeNps } from "../core/nps.ts";
import { parsePeriod, trendBuckets } from "../core/periods.ts";
import { slugify } from "../core/slug.ts";
import type { GoalLine } from "../messages/goal.ts";
import type { AnswerStore } from "../store/answers.ts";
import type { GoalRow, GoalStore } from "../store/goals.ts";
import type { TeamStore } from "../store/teams.ts";

export type { GoalRow };

const DAY_MS = 86_400_000;
/** "Current" NPS for a goal: the rolling 30 days, as in the digest. */
export const ROLLING_DAYS = 30;

export type SetGoalResult = { ok: true; goal: GoalRow; team: { slug: string; name: string }; replaced: boolean } | { ok: false; teams: string[] };

export class GoalService {
  constructor(private readonly store: { goals: GoalStore; teams: TeamStore }, private readonly answers: AnswerStore, private readonly timeZone: string, private readonly minResponses: number) {}

  /** A new goal replaces the team's current one; the old one stays as history. */
  async set(teamName: string, input: { targetNps: number; dueAt: Date; minResponses: number | null; by: string | null }, now: Date): Promise<SetGoalResult> {
    const team = await this.store.teams.bySlug(slugify(teamName));
    if (!team) return { ok: false, teams: await this.store.teams.slugs() };
    const { goal, replaced } = await this.store.goals.replace(team.id, input, now);
    return { ok: true, goal, team: { slug: team.slug, name: team.name }, replaced };
  }

  async current(teamId: number): Promise<GoalRow | null> {
    return this.store.goals.current(teamId);
  }

  async history(teamId: number): Promise<GoalRow[]> {
    return this.store.goals.history(teamId);
  }

  /** Progress of the team's current goal, or null when it has none. */
  async progress(teamId: number, now: Date): Promise<(GoalProgress & { goal: GoalRow }) | null> {
    const goal = await this.current(teamId);
    if (!goal) return null;
    const thisMonth = parsePeriod("this month", now, this.timeZone);
    const buckets = thisMonth.ok ? trendBuckets(thisMonth.period, now, this.timeZone) : [];
    // The rolling 30 days, the 30 days before the goal was set and the monthly buckets: one query.
    const intervals = [
      { from: new Date(now.getTime() - ROLLING_DAYS * DAY_MS), to: now },
      { from: new Date(goal.startsAt.getTime() - ROLLING_DAYS * DAY_MS), to: goal.startsAt },
      ...buckets,
    ];
    const [rolling, baseline, ...perBucket] = (await this.answers.scoreCounts({ teamId }, intervals)).map((c) => computeNps(c, this.minResponses));
    // Monthly points for the forecast; the current month counts up to now.
    const history = buckets.map((b, i) => ({ at: new Date(Math.min(b.to.getTime(), now.getTime())), nps: perBucket[i]!.nps }));
    const progress = goalProgress(
      { targetNps: goal.targetNps, minResponses: goal.minResponses, startsAt: goal.startsAt, dueAt: goal.dueAt, baselineNps: baseline!.nps },
      { nps: rolling!.nps, responses: rolling!.responses, marginOfError: rolling!.marginOfError },
      history,
      now,
    );
    return { ...progress, goal };
  }

  async line(teamId: number, now: Date): Promise<GoalLine | null> {
    const p = await this.progress(teamId, now);
    return p && { targetNps: p.targetNps, dueAt: p.goal.dueAt, currentNps: p.currentNps, forecastNps: p.forecastNps, status: p.status, elapsedShare: p.elapsedShare };
  }
}
