// Everything a person can type to the bot (/nps …, in Slack, Teams or the console) → a reply.
// Faces strip their own syntax (slash command, <at> mention), call `handle`, and render the reply.
import type { Message } from "../messages/model.ts";
import { buildHelp, buildProblem, commandsFor, type HelpNames } from "../messages/help.ts";
import { buildBindingReply } from "../messages/binding.ts";
import type { BindingService } from "./binding-service.ts";
import type { NpsService } from "./nps-service.ts";
import type { CaseService } from "./case-service.ts";
import type { GoalService } from "./goal-service.ts";
import type { ThemeService } from "./theme-service.ts";
import type { KudosService } from "./kudos-service.ts";
import { buildKudosOptOutReply } from "../messages/kudos.ts";
import type { ReportService } from "./report-service.ts";
import { buildThemes } from "../messages/themes.ts";
import { parseGoalCommand } from "../core/goals.ts";
import { parseCaseCommand } from "../core/case-command.ts";
import { buildNotice } from "../messages/notice.ts";
import { formatGoal } from "../messages/goal.ts";
import { formatDate } from "../messages/format.ts";
import type { Lang } from "../core/language.ts";
import { slugify } from "../core/slug.ts";
import type { Directory } from "../store/directory.ts";
import type { AccessService, AccessRequest } from "./access-service.ts";
import type { Actor } from "./people.ts";
import type { PolicyAction } from "../core/permissions.ts";

/** The console user of local mode is one person, known by this address. */
const CONSOLE_EMAIL = "console@kundepuls.local";

export interface ChatContext {
  platform: "slack" | "teams" | "console";
  /** where the command was typed; null in the console */
  channelId: string | null;
  /** the person's platform user id */
  userId: string;
  /** the person with name and e-mail, looked up by the face when a command needs them (else only the platform user id) */
  actor?: () => Promise<Actor>;
  now: Date;
}

export interface ChatReply {
  message: Message;
  /** private: only the asker sees it (Slack ephemeral); channel: everyone in the channel */
  visibility: "private" | "channel";
}

export class ChatCommandService {
  constructor(
    private readonly nps: NpsService,
    private readonly bindings: BindingService,
    private readonly habits: { cases: CaseService; goals: GoalService; themes: ThemeService; kudos: KudosService; reports: ReportService },
    private readonly access: AccessService,
    private readonly directory: Directory,
  ) {}

  /** The policy's answer for an action on a named team; unknown team → null (the service says so). */
  private async checkTeam(action: PolicyAction, teamName: string, lang: Lang, ctx: ChatContext) {
    const team = await this.directory.findTeam(slugify(teamName));
    if (!team) return null;
    const request: AccessRequest = { action, object: { kind: "team", teamId: team.id }, team: { id: team.id, name: team.name }, audit: { objectType: action.startsWith("channel") ? "channel" : "team", objectId: action.startsWith("channel") ? `${ctx.platform}:${ctx.channelId}` : team.id } };
    return { request, access: await this.access.check(await actorOf(ctx), request, lang, ctx.now) };
  }

  async handle(text: string, ctx: ChatContext): Promise<ChatReply> {
    const command = await this.nps.parse(text, ctx.now);
    const privately = (message: Message): ChatReply => ({ message, visibility: "private" });
    switch (command.kind) {
      case "help":
        return privately(buildHelp(command.lang, ctx.platform, await this.helpNames(ctx.now)));
      case "invalid":
        return privately(buildProblem(command.lang, commandsFor(ctx.platform, command.error[command.lang])));
      case "query": {
        // NPS_VISIBILITY=members: a team's figures for its people only (the company's for everyone)
        // (asked only then: with everyone allowed, no person need be looked up for a number)
        const narrowed = command.team && this.access.settings.npsVisibility === "members";
        const checked = narrowed ? await this.checkTeam("nps.view", command.team!, command.lang, ctx) : null;
        if (checked && !checked.access.ok) return privately(checked.access.refusal);
        return { message: await this.nps.answerQuery(command, ctx.now), visibility: command.share ? "channel" : "private" };
      }
      case "cases":
        return privately(await this.habits.cases.listMessage({ team: command.team, openOnly: command.openOnly }, await actorOf(ctx), command.lang, ctx.now));
      case "goal":
        return this.goal(command.words, command.lang, ctx);
      case "themes":
        return privately(buildThemes(await this.habits.themes.report({ period: command.period, team: command.team }), command.lang));
      case "kudos":
        return privately(await this.habits.kudos.list({ period: command.period, team: command.team }, command.lang));
      case "kudosOptOut": {
        // the console user of local mode is the one person known by CONSOLE_EMAIL (as for cases)
        const actor = ctx.platform === "console" ? { platform: "console" as const, userId: ctx.userId, email: CONSOLE_EMAIL } : await actorOf(ctx);
        return privately(buildKudosOptOutReply(await this.habits.kudos.setOptOut(actor, command.optOut), command.lang));
      }
      case "report": {
        // every team's figures and kudos at once: open with NPS_VISIBILITY=everyone, else admins only
        const request: AccessRequest = { action: "report.view", object: { kind: "company" }, team: null, audit: { objectType: "answers", objectId: null } };
        const access = this.access.settings.npsVisibility === "everyone" ? null : await this.access.check(await actorOf(ctx), request, command.lang, ctx.now);
        if (access && !access.ok) return privately(access.refusal);
        return privately(await this.habits.reports.message(command.period, command.lang, ctx.now));
      }
      case "connect":
      case "disconnect": {
        if (ctx.platform === "console" || !ctx.channelId) {
          const text = command.lang === "da" ? "Kanaler forbindes i Slack eller Teams: skriv kommandoen i den kanal, det gælder." : "Channels are connected in Slack or Teams: type the command in the channel it is for.";
          return privately({ kind: "notice", lang: command.lang, summary: text, blocks: [{ type: "text", text }] });
        }
        const checked = await this.checkTeam(command.kind === "connect" ? "channel.connect" : "channel.disconnect", command.team, command.lang, ctx);
        if (checked && !checked.access.ok) return privately(checked.access.refusal);
        const result =
          command.kind === "connect"
            ? await this.bindings.connect(ctx.platform, ctx.channelId, command.team, command.purposes, ctx.userId)
            : await this.bindings.disconnect(ctx.platform, ctx.channelId, command.team, command.purposes);
        if (checked?.access.ok && result.ok) await this.access.done(checked.access, checked.request, { purposes: result.purposes, changed: result.changed }, ctx.now);
        // Everyone in the channel should see what it was connected to.
        return { message: buildBindingReply(command.kind, result, command.lang), visibility: result.ok ? "channel" : "private" };
      }
    }
  }

  /**
   * The console's case commands ("tag 12", "løs 12 vundet ringede"): the same CaseService calls
   * the chat buttons make, as the console user (an admin in local mode). Null: not a case command.
   */
  async handleCaseCommand(text: string, ctx: ChatContext): Promise<ChatReply | null> {
    const command = parseCaseCommand(text);
    if (!command) return null;
    const lang = command.lang;
    if (command.kind === "invalid") return { message: buildProblem(lang, command.error[lang]), visibility: "private" };
    const actor = { platform: "console" as const, userId: ctx.userId, email: CONSOLE_EMAIL, name: lang === "da" ? "Lokal bruger" : "Local user" };
    const result =
      command.kind === "claim"
        ? await this.habits.cases.claim(command.caseId, actor, ctx.now, lang, "private")
        : await this.habits.cases.resolve(command.caseId, actor, { actionTaken: command.actionTaken, outcome: command.outcome }, ctx.now, lang, "private");
    return { message: result.ok ? result.alert : result.explanation, visibility: "private" };
  }

  /** The team and touchpoint the help's examples use: the workspace's own, so they work as written. */
  private async helpNames(now: Date): Promise<HelpNames> {
    const { teams, touchpoints } = await this.nps.commandContext(now);
    return { team: teams[0] ?? null, touchpoint: touchpoints[0] ?? null };
  }

  /** "/nps goal support" shows the goal; "/nps goal support 45 2027-11-30 [min 30]" sets one. */
  private async goal(words: string[], lang: Lang, ctx: ChatContext): Promise<ChatReply> {
    const tz = this.nps.settings.timeZone;
    if (words.length === 1) {
      const team = await this.directory.findTeam(slugify(words[0]!));
      const line = team ? await this.habits.goals.line(team.id, ctx.now) : null;
      const text = !team
        ? lang === "da" ? `Teamet "${words[0]}" findes ikke.` : `There is no team "${words[0]}".`
        : line
          ? `${team.name}: ${formatGoal(line, lang, tz)}`
          : lang === "da" ? `${team.name} har intet mål endnu. Sæt et: /nps mål ${team.slug} 45 2027-11-30` : `${team.name} has no goal yet. Set one: /nps goal ${team.slug} 45 2027-11-30`;
      return { message: buildNotice(lang, text), visibility: "private" };
    }
    const parsed = parseGoalCommand(words, ctx.now, tz);
    if (!parsed.ok) return { message: buildNotice(lang, parsed.error[lang]), visibility: "private" };
    const checked = await this.checkTeam("goal.set", parsed.team, lang, ctx);
    if (checked && !checked.access.ok) return { message: checked.access.refusal, visibility: "private" };
    const result = await this.habits.goals.set(parsed.team, { targetNps: parsed.targetNps, dueAt: parsed.dueAt, minResponses: parsed.minResponses, by: `${ctx.platform}:${ctx.userId}` }, ctx.now);
    if (!result.ok) {
      const teams = result.teams.join(", ") || "–";
      return { message: buildNotice(lang, lang === "da" ? `Det team kender jeg ikke. Teams: ${teams}.` : `I do not know that team. Teams: ${teams}.`), visibility: "private" };
    }
    if (checked?.access.ok) await this.access.done(checked.access, checked.request, { targetNps: parsed.targetNps, dueAt: parsed.dueAt.toISOString(), replaced: result.replaced }, ctx.now);
    const by = formatDate(parsed.dueAt, lang, tz);
    const text =
      lang === "da"
        ? `Nyt mål for ${result.team.name}: NPS ${parsed.targetNps > 0 ? "+" : ""}${parsed.targetNps} inden ${by}${result.replaced ? " (det tidligere mål er gemt i historikken)" : ""}.`
        : `New goal for ${result.team.name}: NPS ${parsed.targetNps > 0 ? "+" : ""}${parsed.targetNps} by ${by}${result.replaced ? " (the previous goal is kept in the history)" : ""}.`;
    return { message: buildNotice(lang, text), visibility: "channel" };
  }
}

const actorOf = async (ctx: ChatContext): Promise<Actor> => (ctx.actor ? ctx.actor() : { platform: ctx.platform, userId: ctx.userId });
