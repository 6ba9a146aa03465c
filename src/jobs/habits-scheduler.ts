// The daily rhythm: every minute (node-cron, in the configured time zone) each replica checks
// what is due — digests, weekly team views, story slots, reminders. Every step is idempotent
// (outbox keys, job runs, compare-and-set on cases), so replicas can all tick; only one message goes out.
import cron, { type ScheduledTask } from "node-cron";
import { withLogContext, type Logger } from "../logger.ts";
import type { CaseService } from "../services/case-service.ts";
import type { DigestService } from "../services/digest-service.ts";
import type { PrivacyService } from "../services/privacy-service.ts";
import type { StoryService } from "../services/story-service.ts";
import type { WeeklyService } from "../services/weekly-service.ts";
import type { ReportService } from "../services/report-service.ts";

export interface HabitsTick {
  digests: number;
  /** weekly team views queued */
  weekly: number;
  stories: number;
  reminded: number;
  escalated: number;
  /** the monthly report for management, on the first working day (one per channel) */
  reports: number;
}

export class HabitsScheduler {
  private task: ScheduledTask | undefined;
  private ticking: Promise<unknown> | undefined;

  constructor(
    /** privacy: retention and pruning, once a day */
    private readonly services: { digests: DigestService; weekly?: WeeklyService; stories: StoryService; cases: CaseService; privacy?: PrivacyService; reports?: ReportService },
    private readonly log: Logger,
    private readonly timeZone: string,
    /** team members from Slack user groups, once a day (RoleAdmin.syncSlackGroupsDaily) */
    private readonly syncMembers: (now: Date) => Promise<void> = async () => {},
  ) {}

  /** One check of everything that is due at `now`. */
  async tick(now: Date): Promise<HabitsTick> {
    const digests = (await this.services.digests.run(now)).reduce((n, r) => n + r.queued, 0);
    // the weekly view (themes, kudos) must not hold up today's reminders: it is tried again next tick
    const weeklyRuns = this.services.weekly ? await this.services.weekly.run(now).catch((error: unknown) => (this.log.error("weekly view failed; trying again next tick", error), [])) : [];
    const weekly = weeklyRuns.reduce((n, r) => n + r.queued, 0);
    const stories = await this.services.stories.runPlan(now);
    const { reminded, escalated } = await this.services.cases.runReminders(now);
    // the report (themes, every team) must not hold up the day's other habits either
    const reportRun = this.services.reports ? await this.services.reports.run(now).catch((error: unknown) => (this.log.error("monthly report failed; trying again next tick", error), null)) : null;
    const reports = reportRun?.queued ?? 0;
    const retained = await this.services.privacy?.runDaily(now);
    if (retained && retained.answers + retained.stories + retained.messagesDeleted > 0) {
      this.log.info(`retention: ${retained.answers} answer(s), ${retained.stories} story(ies) made anonymous, ${retained.messagesDeleted} message deletion(s) queued`);
    }
    // a failing sync (Slack down) must not stop the habits; it is tried again next tick
    await this.syncMembers(now).catch((error) => this.log.warn("members: Slack user group sync failed; trying again later", error));
    if (digests + weekly + stories + reminded + escalated + reports > 0) {
      this.log.info(`habits: ${digests} digest(s), ${weekly} weekly view(s), ${stories} story post(s), ${reminded} reminder(s), ${escalated} escalation(s), ${reports} report(s) queued`);
    }
    return { digests, weekly, stories, reminded, escalated, reports };
  }

  private safeTick(): void {
    if (this.ticking) return; // a slow tick is not overlapped by the next one
    const now = new Date();
    this.ticking = withLogContext({ job: "habits", key: now.toISOString().slice(0, 16) }, () => this.tick(now))
      .catch((error) => this.log.error("habits tick failed", error))
      .finally(() => (this.ticking = undefined));
  }

  /** Ticks now (catching up on what was missed today while the bot was down) and every minute. */
  start(): void {
    this.safeTick();
    this.task = cron.schedule("* * * * *", () => this.safeTick(), { timezone: this.timeZone, name: "kundepuls-habits" });
  }

  async stop(): Promise<void> {
    await this.task?.stop();
    await this.ticking;
  }
}
