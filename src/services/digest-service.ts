// The daily NPS digest per team: built from the database, recorded in the outbox before it is
// sent (key per team, channel and local day), so restarts, crashes and replicas cannot double it.
import { compareNps, computeNps, type NpsFigures } from "../core/nps.ts";
import { parsePeriod, trendBuckets } from "../core/periods.ts";
import { isDue, localDayKey, parseDailyCron, type DailyCron } from "../core/schedule.ts";
import { isStoryCandidate, rankStories } from "../core/stories.ts";
import { redact } from "../core/redaction.ts";
import { slugify } from "../core/slug.ts";
import { buildDigest, isQuietDay, type DigestView } from "../messages/digest.ts";
import type { Message } from "../messages/model.ts";
import type { Lang } from "../core/language.ts";
import type { AnswerStore } from "../store/answers.ts";
import type { CaseStore } from "../store/cases.ts";
import type { JobRunStore } from "../store/job-runs.ts";
import type { OutboxStore } from "../store/outbox.ts";
import type { StoryStore } from "../store/stories.ts";
import type { TeamStore } from "../store/teams.ts";
import type { BindingService } from "./binding-service.ts";
import type { HabitObserver } from "./events.ts";
import type { GoalService } from "./goal-service.ts";
import { UnknownScopeError } from "./nps-service.ts";

const DAY_MS = 86_400_000;

export interface DigestSettings {
  lang: Lang;
  timeZone: string;
  minResponses: number;
  cron: DailyCron;
  quietDay: "post" | "skip";
  allowAnonymousQuotes: boolean;
  consoleOnly: boolean;
  observe?: HabitObserver;
}

export interface DigestRunResult {
  team: string;
  /** queued: new outbox messages; skipped: why nothing was queued */
  queued: number;
  skipped?: "notDue" | "alreadySent" | "noChannel" | "quiet";
  message?: Message;
}

export class DigestService {
  constructor(
    private readonly store: { teams: TeamStore; cases: CaseStore; stories: StoryStore },
    private readonly answers: AnswerStore,
    private readonly goals: GoalService,
    private readonly outbox: OutboxStore,
    private readonly jobRuns: JobRunStore,
    private readonly bindings: BindingService,
    readonly settings: DigestSettings,
    private readonly onEnqueued: () => void = () => {},
  ) {}

  /** When the team's previous digest went out (else a day ago): "new since last digest" starts there. */
  private async lastDigestAt(slug: string, todayKey: string, now: Date): Promise<Date> {
    const last = await this.jobRuns.lastFinishedAt(`digest:${slug}:`, `digest:${slug}:${todayKey}`);
    return last ?? new Date(now.getTime() - DAY_MS);
  }

  async view(team: { id: number; slug: string; name: string }, since: Date, now: Date): Promise<DigestView> {
    const monthAgo = new Date(now.getTime() - 30 * DAY_MS);
    const thisMonth = parsePeriod("this month", now, this.settings.timeZone);
    const buckets = thisMonth.ok ? trendBuckets(thisMonth.period, now, this.settings.timeZone) : [];
    // The last 30 days, the 30 before, since the last digest and the monthly trend: one query.
    const intervals = [{ from: monthAgo, to: now }, { from: new Date(monthAgo.getTime() - 30 * DAY_MS), to: monthAgo }, { from: since, to: now }, ...buckets];
    const [counts, goal] = await Promise.all([this.answers.scoreCounts({ teamId: team.id }, intervals), this.goals.line(team.id, now)]);
    const [rolling, before, sinceLast, ...perBucket] = counts.map((c) => computeNps(c, this.settings.minResponses)) as [NpsFigures, NpsFigures, NpsFigures, ...NpsFigures[]];
    const promoters = await this.store.stories.promoterComments(team.id, since, now);
    const usable = promoters
      .map((a) => ({ a, c: isStoryCandidate({ score: a.score, comment: a.comment, consentToShare: a.consentToShare }, { allowAnonymous: this.settings.allowAnonymousQuotes }) }))
      .filter((x) => x.c.ok);
    const best = rankStories(usable.map(({ a }) => ({ id: a.id, text: a.comment!, createdAt: a.answeredAt, touchpoint: a.touchpoint, score: a.score })), now)[0];
    const bestAnswer = best && promoters.find((a) => a.id === best.id)!;
    const named = !!bestAnswer?.consentToShare;
    // Open means not resolved: a claimed case is still open (and counted as in progress).
    const open = await this.store.cases.unresolvedOfTeam(team.id);
    const trend = thisMonth.ok ? buckets.map((b, i) => ({ label: b.label, short: b.short, partial: b.partial, from: b.from, to: b.to, nps: perBucket[i]!.nps, responses: perBucket[i]!.responses })) : null;
    return {
      team: { slug: team.slug, name: team.name },
      sinceLast: { promoters: sinceLast.promoters, passives: sinceLast.passives, detractors: sinceLast.detractors, responses: sinceLast.responses },
      rolling,
      before,
      comparison: compareNps(rolling, before),
      minResponses: this.settings.minResponses,
      goal,
      bestQuote: bestAnswer
        ? { text: redact(bestAnswer.comment!, { customerName: bestAnswer.customerName, keepName: named, lang: this.settings.lang }).text, attribution: named ? bestAnswer.customerName : null }
        : null,
      openCases: { open: open.length, inProgress: open.filter((c) => c.state === "claimed").length, oldestOpenedAt: open[0]?.openedAt ?? null },
      trend,
    };
  }

  /**
   * Queues today's digest for every team that is due (or the named team, now, with `force`).
   * `dryRun` builds the messages without recording or queueing anything.
   */
  async run(now: Date, opts: { team?: string; force?: boolean; dryRun?: boolean } = {}): Promise<DigestRunResult[]> {
    const dayKey = localDayKey(now, this.settings.timeZone);
    const named = opts.team ? await this.store.teams.bySlug(slugify(opts.team)) : null;
    const teams = opts.team ? (named ? [named] : []) : await this.store.teams.all();
    if (opts.team && teams.length === 0) throw UnknownScopeError.team(opts.team);
    const results: DigestRunResult[] = [];
    for (const team of teams) {
      const cron = (team.digestCron && parseDailyCron(team.digestCron)) || this.settings.cron;
      if (!opts.force && !isDue(dayKey, cron, now, this.settings.timeZone)) {
        results.push({ team: team.slug, queued: 0, skipped: "notDue" });
        continue;
      }
      const runKey = `digest:${team.slug}:${dayKey}`;
      if (!opts.dryRun && (await this.jobRuns.isFinished(runKey))) {
        results.push({ team: team.slug, queued: 0, skipped: "alreadySent" });
        continue;
      }
      const channels = this.settings.consoleOnly
        ? [{ platform: "console" as const, channelId: `#${team.slug}` }]
        : await this.bindings.channelsFor(team.id, "digest");
      if (channels.length === 0 && !opts.dryRun) {
        results.push({ team: team.slug, queued: 0, skipped: "noChannel" });
        continue;
      }
      const view = await this.view(team, await this.lastDigestAt(team.slug, dayKey, now), now);
      const message = buildDigest(view, this.settings.lang, now, this.settings.timeZone);
      if (opts.dryRun) {
        results.push({ team: team.slug, queued: 0, message });
        continue;
      }
      let queued = 0;
      if (!(isQuietDay(view) && this.settings.quietDay === "skip")) {
        for (const ch of channels) {
          const key = `digest:${team.slug}:${ch.platform}:${ch.channelId}:${dayKey}`;
          if (await this.outbox.enqueue({ key, platform: ch.platform, target: ch.channelId, kind: "digest", message }, now)) {
            queued++;
            this.settings.observe?.({ type: "digest_queued" });
          }
        }
      }
      // Recorded after the outbox rows: a crash in between only means the next tick re-checks
      // (the outbox keys keep that from doubling anything).
      await this.jobRuns.finish(runKey, now, `${queued} queued`);
      results.push({ team: team.slug, queued, message, ...(isQuietDay(view) && this.settings.quietDay === "skip" ? { skipped: "quiet" as const } : {}) });
    }
    if (results.some((r) => r.queued > 0)) this.onEnqueued();
    return results;
  }
}
