// Answers NPS questions: period + scope → figures, previous period, trend. One code path for
// Slack, Teams, the console and `kundepuls nps`.
import { compareNps, computeNps, type ScoreCounts } from "../core/nps.ts";
import { parseNpsCommand, type CommandContext, type NpsCommand } from "../core/nps-command.ts";
import { previousPeriod, trendBuckets, type Period, type TrendBucket } from "../core/periods.ts";
import type { Lang, Texts } from "../core/language.ts";
import type { NpsReport, NpsScope } from "../core/report.ts";
import type { Message } from "../messages/model.ts";
import { buildNpsAnswer } from "../messages/nps-answer.ts";
import type { AggregateFilter, AnswerStore, Interval, Scopes } from "../store/answers.ts";
import type { Directory } from "../store/directory.ts";

export interface NpsSettings {
  timeZone: string;
  minResponses: number;
  defaultLang: Lang;
}

/** A team or touchpoint nobody has answered for, said in both languages. */
export class UnknownScopeError extends Error {
  constructor(readonly texts: Texts) {
    super(texts.en);
  }

  /** `unknown team "x" (teams: a, b)`; the list is left out when not given. */
  static team(name: string, known?: string[]): UnknownScopeError {
    const list = known && { da: ` (hold: ${known.join(", ") || "ingen endnu"})`, en: ` (teams: ${known.join(", ") || "none yet"})` };
    return new UnknownScopeError({ da: `ukendt hold "${name}"${list?.da ?? ""}`, en: `unknown team "${name}"${list?.en ?? ""}` });
  }
}

/** The team a person named (slug, any case), or an UnknownScopeError listing the teams there are. */
export async function knownTeam(directory: Pick<Directory, "findTeam" | "listTeams">, name: string): Promise<{ id: number; slug: string; name: string }> {
  const found = await directory.findTeam(name.toLowerCase());
  if (!found) throw UnknownScopeError.team(name, (await directory.listTeams()).map((t) => t.slug));
  return found;
}

/** The team's goal progress, when it has a goal (GoalService.line). */
export type GoalLookup = (teamId: number, now: Date) => Promise<NpsReport["goal"]>;

/** A question's teams and touchpoints are read once (when it is parsed) and reused by its report. */
const SCOPES_REUSE_MS = 2_000;

/** The lists as read, when, and the names a question may use. */
type KnownScopes = Scopes & { at: number; teamSlugs: string[]; touchpointNames: string[] };
/** What a report counts: the period, the previous one and (with the trend) the 12 trend buckets. */
type Intervals = { previous: Period; buckets: TrendBucket[]; all: Interval[] };
type Counted = { key: string; intervals: Intervals; counts: ScoreCounts[] };

/** What a report counts follows from its filter, its period, whether it has the trend, and now. */
const countKey = (filter: AggregateFilter, period: Period, withTrend: boolean, now: Date) =>
  `${filter.teamId ?? "-"}/${filter.touchpointId ?? "-"}/${period.kind}/${period.from.getTime()}/${period.to.getTime()}/${withTrend ? now.getTime() : "-"}`;

/** The same teams (id, slug; whether they have a goal does not change a parse) and touchpoints. */
function sameScopes(a: Scopes, b: Scopes): boolean {
  if (a.teams === b.teams && a.touchpoints === b.touchpoints) return true; // the store reuses unchanged lists
  if (a.teams.length !== b.teams.length || a.touchpoints.length !== b.touchpoints.length) return false;
  for (let i = 0; i < a.teams.length; i++) if (a.teams[i]!.id !== b.teams[i]!.id || a.teams[i]!.slug !== b.teams[i]!.slug) return false;
  for (let i = 0; i < a.touchpoints.length; i++) if (a.touchpoints[i]!.id !== b.touchpoints[i]!.id || a.touchpoints[i]!.name !== b.touchpoints[i]!.name) return false;
  return true;
}

export class NpsService {
  private goalLookup: GoalLookup | undefined;
  private scopes: KnownScopes | null = null;
  /** Answers counted while a question was parsed, for exactly that question's answer. */
  private readonly counted = new WeakMap<NpsCommand, Counted>();

  constructor(private readonly answers: AnswerStore, readonly settings: NpsSettings) {}

  /** Goals live in their own service, built after this one. */
  useGoals(lookup: GoalLookup): void {
    this.goalLookup = lookup;
  }

  async commandContext(now: Date): Promise<CommandContext> {
    return this.contextOf(this.remember(await this.answers.scopes()), now);
  }

  /** Keeps the lists just read; `same`: lists with the same names, whose name arrays can be reused. */
  private remember(scopes: Scopes, same: KnownScopes | null = null): KnownScopes {
    this.scopes = {
      teams: scopes.teams,
      touchpoints: scopes.touchpoints,
      at: Date.now(),
      teamSlugs: same?.teamSlugs ?? scopes.teams.map((t) => t.slug),
      touchpointNames: same?.touchpointNames ?? scopes.touchpoints.map((t) => t.name),
    };
    return this.scopes;
  }

  private contextOf(scopes: KnownScopes, now: Date): CommandContext {
    return { now, timeZone: this.settings.timeZone, defaultLang: this.settings.defaultLang, teams: scopes.teamSlugs, touchpoints: scopes.touchpointNames };
  }

  /** The lists the question was just parsed with; null when none was read in the last moments. */
  private recentScopes() {
    return this.scopes && Date.now() - this.scopes.at < SCOPES_REUSE_MS ? this.scopes : null;
  }

  /**
   * Parses a question with the current team and touchpoint lists. A question is usually a query
   * whose answer needs those lists and then the counts: to make that one round trip, the text is
   * first parsed with the lists of the previous question, and the counts that guess needs are read
   * in the same statement as the current lists. The question is then parsed again with the current
   * lists; only if that asks for exactly the counts read (same filter, period and time) are they
   * kept for its answer (answerQuery), else the answer counts again. Either way the answer is the
   * one the current lists give.
   */
  async parse(text: string, now: Date): Promise<NpsCommand> {
    const previous = this.scopes;
    const guessed = previous && parseNpsCommand(text, this.contextOf(previous, now));
    const guess = guessed && this.countFor(guessed, previous, now);
    if (!guess) return parseNpsCommand(text, await this.commandContext(now));
    const intervals = this.intervals(guess.period, true, now);
    const { scopes, counts } = await this.answers.scopesAndScoreCounts(guess.filter, intervals.all);
    // Unchanged lists (the usual case) parse the same text the same way: the guess stands.
    const same = sameScopes(previous, scopes);
    const current = this.remember(scopes, same ? previous : null);
    const command = same ? guessed : parseNpsCommand(text, this.contextOf(current, now));
    if (command === guessed || this.countFor(command, current, now)?.key === guess.key) this.counted.set(command, { key: guess.key, intervals, counts });
    return command;
  }

  /** What answerQuery(command, now) will count, when the lists name its team and touchpoint. */
  private countFor(command: NpsCommand, scopes: Scopes, now: Date): { filter: AggregateFilter; period: Period; key: string } | null {
    if (command.kind !== "query") return null;
    const filter: AggregateFilter = {};
    if (command.team) {
      const slug = command.team.toLowerCase();
      const team = scopes.teams.find((t) => t.slug === slug);
      if (!team) return null;
      filter.teamId = team.id;
    }
    if (command.touchpoint) {
      const touchpoint = scopes.touchpoints.find((t) => t.name === command.touchpoint);
      if (!touchpoint) return null;
      filter.touchpointId = touchpoint.id;
    }
    return { filter, period: command.period, key: countKey(filter, command.period, true, now) };
  }

  private intervals(period: Period, withTrend: boolean, now: Date): Intervals {
    const previous = previousPeriod(period, this.settings.timeZone);
    const buckets = withTrend ? trendBuckets(period, now, this.settings.timeZone) : [];
    return { previous, buckets, all: [period, previous, ...buckets] };
  }

  async report(
    query: { period: Period; team?: string | null; touchpoint?: string | null; withTrend?: boolean; now?: Date },
    counted?: Counted,
  ): Promise<NpsReport> {
    const scope: NpsScope = { team: null, touchpoint: null };
    const filter: AggregateFilter = {};
    let known: KnownScopes["teams"][number] | undefined;
    if (query.team) {
      const slug = query.team.toLowerCase();
      known = this.recentScopes()?.teams.find((t) => t.slug === slug);
      const team = known ?? (await knownTeam(this.answers.directory, query.team));
      scope.team = { slug: team.slug, name: team.name };
      filter.teamId = team.id;
    }
    if (query.touchpoint) {
      const touchpoint = this.recentScopes()?.touchpoints.find((t) => t.name === query.touchpoint) ?? (await this.answers.directory.findTouchpoint(query.touchpoint));
      if (!touchpoint) {
        const touchpoints = (await this.answers.directory.listTouchpoints()).join(", ");
        throw new UnknownScopeError({
          da: `ukendt kontaktpunkt "${query.touchpoint}" (kontaktpunkter: ${touchpoints || "ingen endnu"})`,
          en: `unknown touchpoint "${query.touchpoint}" (touchpoints: ${touchpoints || "none yet"})`,
        });
      }
      scope.touchpoint = touchpoint.name;
      filter.touchpointId = touchpoint.id;
    }
    // The period, the previous one and the trend buckets are counted in one database query
    // (or were counted with the question's team list, see parse).
    const now = query.now ?? new Date();
    const withTrend = query.withTrend === true;
    const ahead = counted?.key === countKey(filter, query.period, withTrend, now) ? counted : undefined;
    const { previous, buckets, all } = ahead?.intervals ?? this.intervals(query.period, withTrend, now);
    // Counted with the question's team list, that list also says whether the team has a goal:
    // none, no lookup.
    const mayHaveGoal = !(ahead && known && !known.hasGoal);
    const goalLine = filter.teamId !== undefined && mayHaveGoal && this.goalLookup ? this.goalLookup(filter.teamId, now) : null;
    const [counts, goal] = ahead && !goalLine ? [ahead.counts, null] : await Promise.all([ahead ? ahead.counts : this.answers.scoreCounts(filter, all), goalLine]);
    const nps = (i: number) => computeNps(counts[i]!, this.settings.minResponses);
    const figures = nps(0);
    const previousFigures = nps(1);
    let trend: NpsReport["trend"] = null;
    if (query.withTrend) {
      trend = [];
      for (let i = 0; i < buckets.length; i++) {
        const b = buckets[i]!;
        const f = nps(2 + i);
        trend.push({ label: b.label, short: b.short, partial: b.partial, from: b.from, to: b.to, nps: f.nps, responses: f.responses });
      }
    }
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
    const counted = this.counted.get(command);
    this.counted.delete(command);
    const report = await this.report({ period: command.period, team: command.team, touchpoint: command.touchpoint, withTrend: true, now }, counted);
    return buildNpsAnswer(report, command.lang, this.settings.minResponses, this.settings.timeZone, now);
  }
}
