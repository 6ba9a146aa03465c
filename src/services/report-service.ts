// The report for management: every team side by side for a month or quarter, the company figure,
// its themes, closing the loop and the kudos. Asked for with /nps rapport (and `kundepuls report`),
// and posted to REPORT_CHANNELS on the first working day of the month for the month before — once
// per channel and month however many replicas tick: a job run per channel and month, and the
// outbox key, keep a second replica (or a restart, or the CLI) from posting it again.
import { closedLoop } from "../core/closed-loop.ts";
import { compareNps, computeNps, type ScoreCounts } from "../core/nps.ts";
import { previousPeriod, type Period } from "../core/periods.ts";
import { dueReport, lastCompleteMonth, monthKeyOf, type ReportTime } from "../core/report-schedule.ts";
import { zonedParts } from "../core/timezone.ts";
import type { ChannelRef } from "../config.ts";
import type { Message } from "../messages/model.ts";
import { buildReport, type ReportFigures, type ReportOptions, type ReportView } from "../messages/report.ts";
import type { CaseStore } from "../store/cases.ts";
import type { JobRunStore } from "../store/job-runs.ts";
import type { KudosStore } from "../store/kudos.ts";
import type { OutboxStore } from "../store/outbox.ts";
import type { ReportDataStore } from "../store/report-data.ts";
import type { GoalService } from "./goal-service.ts";
import type { Platform } from "./outbox/deliverer.ts";
import type { ThemeService } from "./theme-service.ts";
import type { Lang } from "../core/language.ts";

export interface ReportSettings {
  /** the scheduled post's language (DEFAULT_LANGUAGE) */
  lang: Lang;
  timeZone: string;
  minResponses: number;
  /** REPORT_TIME */
  time: ReportTime;
  /** REPORT_CHANNELS */
  channels: ChannelRef[];
  /** local mode: the report goes to the console */
  consoleOnly: boolean;
}

export interface ReportRunResult {
  /** "2026-11" or "2026-Q4": the period's key in job runs and outbox keys */
  periodKey: string;
  /** new outbox messages */
  queued: number;
  /** channels that already had this period's report */
  alreadySent: number;
  skipped?: "notDue" | "noChannel";
  message?: Message;
}

/** How long a replica may hold a channel's month before another may take it (it died building the report). */
const CLAIM_LEASE_MS = 10 * 60_000;

/** Where a local-mode report is "posted". */
const CONSOLE_CHANNEL = "#ledelse";

const figuresOf = (current: ScoreCounts, before: ScoreCounts, min: number): ReportFigures => {
  const figures = computeNps(current, min);
  const previous = computeNps(before, min);
  return { figures, previous, comparison: compareNps(figures, previous) };
};

const EMPTY: ScoreCounts = { promoters: 0, passives: 0, detractors: 0 };

export class ReportService {
  constructor(
    private readonly data: ReportDataStore,
    private readonly cases: CaseStore,
    private readonly kudos: KudosStore,
    private readonly goals: Pick<GoalService, "line">,
    private readonly themes: Pick<ThemeService, "report">,
    private readonly outbox: OutboxStore,
    private readonly jobRuns: JobRunStore,
    readonly settings: ReportSettings,
    private readonly onEnqueued: () => void = () => {},
  ) {}

  /** "2026-11" for a month, "2026-Q4" for a quarter. */
  periodKey(period: Period): string {
    if (period.kind !== "quarter") return monthKeyOf(period, this.settings.timeZone);
    const p = zonedParts(period.from, this.settings.timeZone);
    return `${p.year}-Q${Math.floor((p.month - 1) / 3) + 1}`;
  }

  /** Everything the report shows, read for the period and the one before it. */
  async view(period: Period, now: Date): Promise<ReportView> {
    const tz = this.settings.timeZone;
    const before = previousPeriod(period, tz);
    // Goals are judged as they stood when the period ended (or now, for one still running).
    const goalsAt = new Date(Math.min(period.to.getTime(), now.getTime()));
    const [teams, current, earlier, withGoal, cases, tally, themes] = await Promise.all([
      this.data.teams(),
      this.data.counts(period),
      this.data.counts(before),
      this.data.teamsWithGoal(),
      this.cases.loopCases(period),
      this.kudos.tally({ from: period.from, to: period.to }),
      this.themes.report({ period }),
    ]);
    const min = this.settings.minResponses;
    const rows = await Promise.all(
      teams.map(async (team) => ({
        team: { slug: team.slug, name: team.name },
        ...figuresOf(current.byTeam.get(team.id) ?? EMPTY, earlier.byTeam.get(team.id) ?? EMPTY, min),
        goal: withGoal.has(team.id) ? await this.goals.line(team.id, goalsAt) : null,
      })),
    );
    const names = new Map(teams.map((t) => [t.id, t.name]));
    return {
      period,
      previousPeriod: before,
      company: figuresOf(current.company, earlier.company, min),
      teams: rows,
      themes,
      loop: closedLoop(cases, period, now, tz),
      kudos: tally.map((k) => ({ name: k.name, email: k.email, teamName: k.teamId === null ? null : (names.get(k.teamId) ?? null), count: k.count, optedOut: k.optedOut })),
      minResponses: min,
    };
  }

  /** The report as a message, in the asker's language. */
  async message(period: Period, lang: Lang, now: Date, options: ReportOptions = {}): Promise<Message> {
    return buildReport(await this.view(period, now), lang, this.settings.timeZone, options);
  }

  private channels(): { platform: Platform; channelId: string }[] {
    return this.settings.consoleOnly ? [{ platform: "console", channelId: CONSOLE_CHANNEL }] : this.settings.channels;
  }

  /**
   * The scheduled post: due on the first working day of the month from REPORT_TIME, for the month
   * before. `force` posts now (the CLI's --post), for `period` (default: the last complete month);
   * `dryRun` builds the message without recording or queueing anything.
   */
  async run(now: Date, opts: { period?: Period; force?: boolean; dryRun?: boolean; lang?: Lang } = {}): Promise<ReportRunResult> {
    const tz = this.settings.timeZone;
    const due = opts.force ? { period: opts.period ?? lastCompleteMonth(now, tz) } : dueReport(now, this.settings.time, tz);
    const period = due?.period ?? lastCompleteMonth(now, tz);
    const periodKey = this.periodKey(period);
    if (!due) return { periodKey, queued: 0, alreadySent: 0, skipped: "notDue" };
    const lang = opts.lang ?? this.settings.lang;
    if (opts.dryRun) return { periodKey, queued: 0, alreadySent: 0, message: await this.message(period, lang, now) };
    const channels = this.channels();
    if (channels.length === 0) return { periodKey, queued: 0, alreadySent: 0, skipped: "noChannel" };
    let message: Message | undefined;
    let queued = 0;
    let alreadySent = 0;
    for (const ch of channels) {
      const key = `report:${periodKey}:${ch.platform}:${ch.channelId}`;
      // One replica takes the channel's month (the others skip it); one that dies holding it
      // leaves it to be taken again after CLAIM_LEASE_MS, later the same day.
      if (!(await this.jobRuns.claim(key, now, CLAIM_LEASE_MS))) {
        alreadySent++;
        continue;
      }
      try {
        message ??= await this.message(period, lang, now);
        if (await this.outbox.enqueue({ key, platform: ch.platform, target: ch.channelId, kind: "report", message }, now)) queued++;
        else alreadySent++;
      } catch (error) {
        await this.jobRuns.release(key); // the next tick tries again
        throw error;
      }
      // Recorded after the outbox row: a crash in between only means the claim runs out and the
      // next taker finds the outbox key already there.
      await this.jobRuns.finish(key, now, "queued");
    }
    if (queued > 0) this.onEnqueued();
    return { periodKey, queued, alreadySent, ...(message ? { message } : {}) };
  }
}
