// The weekly team view per connected team: the latest complete ISO week (core/weekly.ts), sent to
// the team's digest channels at WEEKLY_CRON (or the team's own weeklyCron). Exactly once, as the
// digest: one replica claims the team's week (a job run), and each channel's message goes
// through the outbox under a key per team, channel and week, so restarts, crashes and replicas
// cannot double it.
import { closedLoop } from "../core/closed-loop.ts";
import { computeNps } from "../core/nps.ts";
import { isDue, localDayKey, parseDailyCron, type DailyCron } from "../core/schedule.ts";
import { slugify } from "../core/slug.ts";
import { latestCompleteWeek, type WeekWindow } from "../core/weekly.ts";
import type { Message } from "../messages/model.ts";
import { buildWeekly, type WeeklyView } from "../messages/weekly.ts";
import type { AnswerStore } from "../store/answers.ts";
import type { CaseStore } from "../store/cases.ts";
import type { JobRunStore } from "../store/job-runs.ts";
import type { KudosStore } from "../store/kudos.ts";
import type { OutboxStore } from "../store/outbox.ts";
import type { TeamRecord, TeamStore } from "../store/teams.ts";
import type { BindingService } from "./binding-service.ts";
import type { GoalService } from "./goal-service.ts";
import { UnknownScopeError } from "./nps-service.ts";
import type { ThemeService } from "./theme-service.ts";
import type { Lang } from "../core/language.ts";

/** A replica that claimed a team's week and died gives it up after this long. */
const CLAIM_LEASE_MS = 10 * 60_000;

export interface WeeklySettings {
  lang: Lang;
  timeZone: string;
  minResponses: number;
  cron: DailyCron;
  /** WEEKLY_VIEW=off: the schedule sends nothing (`kundepuls weekly` still can, by hand) */
  enabled: boolean;
  consoleOnly: boolean;
}

export interface WeeklyDeps {
  teams: TeamStore;
  answers: AnswerStore;
  cases: CaseStore;
  goals: GoalService;
  themes: ThemeService;
  kudos: KudosStore;
  outbox: OutboxStore;
  jobRuns: JobRunStore;
  bindings: BindingService;
}

export interface WeeklyRunResult {
  team: string;
  /** "2026-W49": the week reported */
  week: string;
  /** new outbox messages */
  queued: number;
  /** why nothing was queued: not scheduled now, sent already (or being sent by another replica), no digest channel */
  skipped?: "notDue" | "alreadySent" | "noChannel";
  message?: Message;
}

export class WeeklyService {
  constructor(
    private readonly deps: WeeklyDeps,
    readonly settings: WeeklySettings,
    private readonly onEnqueued: () => void = () => {},
  ) {}

  async view(team: Pick<TeamRecord, "id" | "slug" | "name">, week: WeekWindow, now: Date): Promise<WeeklyView> {
    const { timeZone, minResponses } = this.settings;
    const [[counts], goal, themes, cases, kudos] = await Promise.all([
      this.deps.answers.scoreCounts({ teamId: team.id }, [{ from: week.from, to: week.to }]),
      this.deps.goals.current(team.id),
      this.deps.themes.report({ period: { from: week.from, to: week.to, kind: "week", label: week.label }, team: team.slug }),
      this.deps.cases.loopCases(week, team.id),
      this.deps.kudos.tally({ from: week.from, to: week.to, teamId: team.id }),
    ]);
    return {
      team: { slug: team.slug, name: team.name },
      week: { key: week.key, label: week.label },
      figures: computeNps(counts!, minResponses),
      minResponses,
      goal: goal && { targetNps: goal.targetNps, dueAt: goal.dueAt },
      themes: themes.result,
      loop: closedLoop(cases, week, now, timeZone),
      // Opted-out people are counted, never named; nor is anyone Kundepuls knows no name for.
      kudos: kudos.map((k) => ({ name: k.name, email: k.email, optedOut: k.optedOut, count: k.count })),
    };
  }

  /**
   * Queues the latest complete week's view for every team that is due (or the named team, now,
   * with `force`). `dryRun` builds the messages without recording or queueing anything, in
   * `lang` when given (the CLI's language; what is sent is in the configured one).
   */
  async run(now: Date, opts: { team?: string; force?: boolean; dryRun?: boolean; lang?: Lang } = {}): Promise<WeeklyRunResult[]> {
    if (!this.settings.enabled && !opts.force && !opts.dryRun) return [];
    const { timeZone, lang } = this.settings;
    const dayKey = localDayKey(now, timeZone);
    const week = latestCompleteWeek(now, timeZone);
    const named = opts.team ? await this.deps.teams.bySlug(slugify(opts.team)) : null;
    const teams = opts.team ? (named ? [named] : []) : await this.deps.teams.all();
    if (opts.team && teams.length === 0) throw UnknownScopeError.team(opts.team);
    const results: WeeklyRunResult[] = [];
    for (const team of teams) {
      const base = { team: team.slug, week: week.key, queued: 0 };
      const cron = (team.weeklyCron && parseDailyCron(team.weeklyCron)) || this.settings.cron;
      if (!opts.force && !opts.dryRun && !isDue(dayKey, cron, now, timeZone)) {
        results.push({ ...base, skipped: "notDue" });
        continue;
      }
      if (opts.dryRun) {
        results.push({ ...base, message: buildWeekly(await this.view(team, week, now), opts.lang ?? lang, timeZone) });
        continue;
      }
      const channels = this.settings.consoleOnly
        ? [{ platform: "console" as const, channelId: `#${team.slug}` }]
        : await this.deps.bindings.channelsFor(team.id, "digest");
      if (channels.length === 0) {
        results.push({ ...base, skipped: "noChannel" });
        continue;
      }
      // One replica builds the view (themes cost a little); the others skip it.
      const runKey = `weekly:${team.slug}:${week.key}`;
      // (isFinished first: the rest of the day's ticks skip with one read, not a refused insert)
      if ((await this.deps.jobRuns.isFinished(runKey)) || !(await this.deps.jobRuns.claim(runKey, now, CLAIM_LEASE_MS))) {
        results.push({ ...base, skipped: "alreadySent" });
        continue;
      }
      let queued = 0;
      let message: Message;
      try {
        message = buildWeekly(await this.view(team, week, now), lang, timeZone);
        for (const ch of channels) {
          const key = `weekly:${team.slug}:${ch.platform}:${ch.channelId}:${week.key}`;
          if (await this.deps.outbox.enqueue({ key, platform: ch.platform, target: ch.channelId, kind: "weekly", message }, now)) queued++;
        }
      } catch (error) {
        await this.deps.jobRuns.release(runKey); // a later tick (or replica) tries again
        throw error;
      }
      await this.deps.jobRuns.finish(runKey, now, `${queued} queued`);
      results.push({ ...base, queued, message });
    }
    if (results.some((r) => r.queued > 0)) this.onEnqueued();
    return results;
  }
}
