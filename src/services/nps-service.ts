// Answers NPS questions: period + scope → figures, previous period, trend. One code path for
// Slack, Teams, the console and `kundepuls nps`.
import { compareNps, computeNps, countsFromHistogram } from "../core/nps.ts";
import { parseNpsCommand, type CommandContext, type NpsCommand } from "../core/nps-command.ts";
import { previousPeriod, trendBuckets, type Lang, type Period } from "../core/periods.ts";
import type { NpsReport, NpsScope } from "../core/report.ts";
import { buildHelp } from "../messages/help.ts";
import type { Message } from "../messages/model.ts";
import { buildNpsAnswer } from "../messages/nps-answer.ts";
import type { AnswerStore } from "../store/answers.ts";

export interface NpsSettings {
  timeZone: string;
  minResponses: number;
  defaultLang: Lang;
}

export class UnknownScopeError extends Error {}

export class NpsService {
  constructor(private readonly answers: AnswerStore, readonly settings: NpsSettings) {}

  async commandContext(now: Date): Promise<CommandContext> {
    const [teams, touchpoints] = await Promise.all([this.answers.directory.listTeams(), this.answers.directory.listTouchpoints()]);
    return { now, timeZone: this.settings.timeZone, defaultLang: this.settings.defaultLang, teams: teams.map((t) => t.slug), touchpoints };
  }

  async parse(text: string, now: Date): Promise<NpsCommand> {
    return parseNpsCommand(text, await this.commandContext(now));
  }

  async report(query: { period: Period; team?: string | null; touchpoint?: string | null; withTrend?: boolean; now?: Date }): Promise<NpsReport> {
    const scope: NpsScope = { team: null, touchpoint: null };
    const filter: { teamId?: number; touchpointId?: number } = {};
    if (query.team) {
      const team = await this.answers.directory.findTeam(query.team.toLowerCase());
      if (!team) throw new UnknownScopeError(`unknown team "${query.team}" (teams: ${(await this.answers.directory.listTeams()).map((t) => t.slug).join(", ") || "none yet"})`);
      scope.team = { slug: team.slug, name: team.name };
      filter.teamId = team.id;
    }
    if (query.touchpoint) {
      const touchpoint = await this.answers.directory.findTouchpoint(query.touchpoint);
      if (!touchpoint) throw new UnknownScopeError(`unknown touchpoint "${query.touchpoint}" (touchpoints: ${(await this.answers.directory.listTouchpoints()).join(", ") || "none yet"})`);
      scope.touchpoint = touchpoint.name;
      filter.touchpointId = touchpoint.id;
    }
    const figuresFor = async (from: Date, to: Date) =>
      computeNps(countsFromHistogram(await this.answers.scoreHistogram({ from, to, ...filter })), this.settings.minResponses);
    const previous = previousPeriod(query.period, this.settings.timeZone);
    const [figures, previousFigures] = await Promise.all([
      figuresFor(query.period.from, query.period.to),
      figuresFor(previous.from, previous.to),
    ]);
    let trend: NpsReport["trend"] = null;
    if (query.withTrend) {
      const buckets = trendBuckets(query.period, query.now ?? new Date(), this.settings.timeZone);
      trend = await Promise.all(
        buckets.map(async (b) => {
          const f = await figuresFor(b.from, b.to);
          return { label: b.label, from: b.from, to: b.to, nps: f.nps, responses: f.responses };
        }),
      );
    }
    return {
      period: query.period,
      scope,
      figures,
      previous: { period: previous, figures: previousFigures, comparison: compareNps(figures, previousFigures) },
      trend,
    };
  }

  /** What a person typed after /nps → the message to show them. Never throws for bad input. */
  async answer(text: string, now: Date): Promise<{ message: Message; share: boolean }> {
    const command = await this.parse(text, now);
    if (command.kind === "help") return { message: buildHelp(command.lang), share: false };
    if (command.kind === "invalid") return { message: buildHelp(command.lang, command.error[command.lang]), share: false };
    const report = await this.report({ period: command.period, team: command.team, touchpoint: command.touchpoint, withTrend: true, now });
    return { message: buildNpsAnswer(report, command.lang, this.settings.minResponses), share: command.share };
  }
}
