// Answers NPS questions: period + scope → figures, previous period, trend. One code path for
// Slack, Teams, the console and `kundepuls nps`.
import { compareNps, computeNps, countsFromHistogram } from "../core/nps.ts";
import { parseNpsCommand, type CommandContext, type NpsCommand } from "../core/nps-command.ts";
import { previousPeriod, trendBuckets, type Lang, type Period } from "../core/periods.ts";
import type { NpsReport, NpsScope } from "../core/report.ts";
import type { Message } from "../messages/model.ts";
import { buildNpsAnswer } from "../messages/nps-answer.ts";
import type { AnswerStore } from "../store/answers.ts";

export interface NpsSettings {
  timeZone: string;
  minResponses: number;
  defaultLang: Lang;
}

export class UnknownScopeError extends Error {}

/** The team's goal progress, when it has a goal (GoalService.line). */
export type GoalLookup = (teamId: number, now: Date) => Promise<NpsReport["goal"]>;

/** A question's teams and touchpoints are read once (when it is parsed) and reused by its report. */
const SCOPES_REUSE_MS = 2_000;

export class NpsService {
  private goalLookup: GoalLookup | undefined;
  private scopes: (Awaited<ReturnType<AnswerStore["scopes"]>> & { at: number }) | null = null;

  constructor(private readonly answers: AnswerStore, readonly settings: NpsSettings) {}

  /** Goals live in their own service, built after this one. */
  useGoals(lookup: GoalLookup): void {
    this.goalLookup = lookup;
  }

  async commandContext(now: Date): Promise<CommandContext> {
    const scopes = { ...(await this.answers.scopes()), at: Date.now() };
    this.scopes = scopes;
    return { now, timeZone: this.settings.timeZone, defaultLang: this.settings.defaultLang, teams: scopes.teams.map((t) => t.slug), touchpoints: scopes.touchpoints.map((t) => t.name) };
  }

  /** The lists the question was just parsed with; null when none was read in the last moments. */
  private recentScopes() {
    return this.scopes && Date.now() - this.scopes.at < SCOPES_REUSE_MS ? this.scopes : null;
  }

  async parse(text: string, now: Date): Promise<NpsCommand> {
    return parseNpsCommand(text, await this.commandContext(now));
  }

  async report(query: { period: Period; team?: string | null; touchpoint?: string | null; withTrend?: boolean; now?: Date }): Promise<NpsReport> {
    const scope: NpsScope = { team: null, touchpoint: null };
    const filter: { teamId?: number; touchpointId?: number } = {};
    if (query.team) {
      const slug = query.team.toLowerCase();
      const team = this.recentScopes()?.teams.find((t) => t.slug === slug) ?? (await this.answers.directory.findTeam(slug));
      if (!team) throw new UnknownScopeError(`unknown team "${query.team}" (teams: ${(await this.answers.directory.listTeams()).map((t) => t.slug).join(", ") || "none yet"})`);
      scope.team = { slug: team.slug, name: team.name };
      filter.teamId = team.id;
    }
    if (query.touchpoint) {
      const touchpoint = this.recentScopes()?.touchpoints.find((t) => t.name === query.touchpoint) ?? (await this.answers.directory.findTouchpoint(query.touchpoint));
      if (!touchpoint) throw new UnknownScopeError(`unknown touchpoint "${query.touchpoint}" (touchpoints: ${(await this.answers.directory.listTouchpoints()).join(", ") || "none yet"})`);
      scope.touchpoint = touchpoint.name;
      filter.touchpointId = touchpoint.id;
    }
    // The period, the previous one and the trend buckets are counted in one database query.
    const previous = previousPeriod(query.period, this.settings.timeZone);
    const buckets = query.withTrend ? trendBuckets(query.period, query.now ?? new Date(), this.settings.timeZone) : [];
    const [histograms, goal] = await Promise.all([
      this.answers.scoreHistograms(filter, [query.period, previous, ...buckets]),
      filter.teamId !== undefined && this.goalLookup ? this.goalLookup(filter.teamId, query.now ?? new Date()) : null,
    ]);
    const [current, before, ...perBucket] = histograms.map((h) => computeNps(countsFromHistogram(h), this.settings.minResponses));
    const figures = current!;
    const previousFigures = before!;
    const trend: NpsReport["trend"] = query.withTrend
      ? buckets.map((b, i) => ({ label: b.label, from: b.from, to: b.to, nps: perBucket[i]!.nps, responses: perBucket[i]!.responses }))
      : null;
    return {
      goal,
      period: query.period,
      scope,
      figures,
      previous: { period: previous, figures: previousFigures, comparison: compareNps(figures, previousFigures) },
      trend,
    };
  }

  /** The answer to a parsed NPS question (with the trend for the chart). */
  async answerQuery(command: Extract<NpsCommand, { kind: "query" }>, now: Date): Promise<Message> {
    const report = await this.report({ period: command.period, team: command.team, touchpoint: command.touchpoint, withTrend: true, now });
    return buildNpsAnswer(report, command.lang, this.settings.minResponses, this.settings.timeZone);
  }
}
