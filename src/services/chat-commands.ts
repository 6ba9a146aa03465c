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
import { buildThemes } from "../messages/themes.ts";
import { parseGoalCommand } from "../core/goals.ts";
import { parseCaseCommand } from "../core/case-command.ts";
import { buildNotice } from "../messages/notice.ts";
import { formatGoal } from "../messages/goal.ts";
import { formatDate } from "../messages/format.ts";
import type { Lang } from "../messages/model.ts";
import { slugify } from "../core/slug.ts";
import type { Db } from "../store/database.ts";

/** The console user of local mode is one person, known by this address. */
const CONSOLE_EMAIL = "console@kundepuls.local";

export interface ChatContext {
  platform: "slack" | "teams" | "console";
  /** where the command was typed; null in the console */
  channelId: string | null;
  /** the person's platform user id */
  userId: string;
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
    private readonly habits: { cases: CaseService; goals: GoalService; themes: ThemeService; prisma: Db },
  ) {}

  async handle(text: string, ctx: ChatContext): Promise<ChatReply> {
    const command = await this.nps.parse(text, ctx.now);
    const privately = (message: Message): ChatReply => ({ message, visibility: "private" });
    switch (command.kind) {
      case "help":
        return privately(buildHelp(command.lang, ctx.platform, await this.helpNames(ctx.now)));
      case "invalid":
        return privately(buildProblem(command.lang, commandsFor(ctx.platform, command.error[command.lang])));
      case "query":
        return { message: await this.nps.answerQuery(command, ctx.now), visibility: command.share ? "channel" : "private" };
      case "cases":
        return privately(await this.habits.cases.listMessage({ team: command.team, openOnly: command.openOnly }, command.lang, ctx.now));
      case "goal":
        return this.goal(command.words, command.lang, ctx);
      case "themes":
        return privately(buildThemes(await this.habits.themes.report({ period: command.period, team: command.team }), command.lang));
      case "connect":
      case "disconnect": {
        if (ctx.platform === "console" || !ctx.channelId) {
          const text = command.lang === "da" ? "Kanaler forbindes i Slack eller Teams: skriv kommandoen i den kanal, det gælder." : "Channels are connected in Slack or Teams: type the command in the channel it is for.";
          return privately({ kind: "notice", lang: command.lang, summary: text, blocks: [{ type: "text", text }] });
        }
        const result =
          command.kind === "connect"
            ? await this.bindings.connect(ctx.platform, ctx.channelId, command.team, command.purposes, ctx.userId)
            : await this.bindings.disconnect(ctx.platform, ctx.channelId, command.team, command.purposes);
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
      const team = await this.habits.prisma.team.findUnique({ where: { slug: slugify(words[0]!) } });
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
    const result = await this.habits.goals.set(parsed.team, { targetNps: parsed.targetNps, dueAt: parsed.dueAt, minResponses: parsed.minResponses, by: `${ctx.platform}:${ctx.userId}` }, ctx.now);
    if (!result.ok) {
      const teams = result.teams.join(", ") || "–";
      return { message: buildNotice(lang, lang === "da" ? `Det team kender jeg ikke. Teams: ${teams}.` : `I do not know that team. Teams: ${teams}.`), visibility: "private" };
    }
    const by = formatDate(parsed.dueAt, lang, tz);
    const text =
      lang === "da"
        ? `Nyt mål for ${result.team.name}: NPS ${parsed.targetNps > 0 ? "+" : ""}${parsed.targetNps} inden ${by}${result.replaced ? " (det tidligere mål er gemt i historikken)" : ""}.`
        : `New goal for ${result.team.name}: NPS ${parsed.targetNps > 0 ? "+" : ""}${parsed.targetNps} by ${by}${result.replaced ? " (the previous goal is kept in the history)" : ""}.`;
    return { message: buildNotice(lang, text), visibility: "channel" };
  }
}
