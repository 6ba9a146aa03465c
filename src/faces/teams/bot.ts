// One turn: the activity botbuilder authenticated → parsed (zod) → the listener for its kind →
// the reply. Listeners are plain functions over parsed activities and services; only this file,
// members.ts and the adapter touch botbuilder's TurnContext.
import { TeamsInfo, TurnContext } from "botbuilder";
import type { RoleAdmin, RosterMember } from "../../services/role-admin.ts";
import type { Logger } from "../../logger.ts";
import type { Lang, Message } from "../../messages/model.ts";
import type { BindingService } from "../../services/binding-service.ts";
import { withTimeout } from "../../core/timeout.ts";
import { conversationKind, parseActivity, personId, tenantOf, type InstallationUpdateActivity, type InvokeActivity, type MessageActivity } from "./activity.ts";
import { cardActivity } from "./cards.ts";
import type { TeamsConversationStore } from "./conversations.ts";
import { answerCardAction, CARD_ACTION_INVOKE, type ActorLookup, type CardActionHandlers } from "./listeners/actions/card-action.ts";
import { localeLang } from "./listeners/commands/home.ts";
import { answerMessage, type MessageDeps } from "./listeners/commands/message.ts";
import { onInstallChange, welcomes } from "./listeners/installs/installation.ts";
import { LIMITS } from "./limits.ts";
import type { TeamsMembers } from "./members.ts";
import { apologyNotice } from "./texts.ts";

export interface BotDeps extends MessageDeps {
  bindings: BindingService;
  conversations: TeamsConversationStore;
  actions: CardActionHandlers;
  members: TeamsMembers;
  roles: Pick<RoleAdmin, "syncTeamsRosterDaily">;
  defaultLang: Lang;
  log: Logger;
  now?: () => Date;
}

export type TurnHandler = (context: TurnContext) => Promise<void>;

export function createTurnHandler(deps: BotDeps): TurnHandler {
  const now = deps.now ?? (() => new Date());
  return async (context) => {
    const parsed = parseActivity(context.activity);
    if (!parsed.ok) {
      if (parsed.unhandled) deps.log.debug(`teams: activity ignored (${parsed.reason})`);
      else deps.log.warn(`teams: malformed activity ignored (${parsed.reason})`);
      if (context.activity.type === "invoke") await context.sendActivity({ type: "invokeResponse", value: { status: 501 } });
      return;
    }
    const activity = parsed.activity;
    const actor = deps.members.lookup(context);
    switch (activity.type) {
      case "message":
        return onMessage(context, activity, deps, actor, now());
      case "installationUpdate":
      case "conversationUpdate": {
        const change = await onInstallChange(activity, TurnContext.getConversationReference(context.activity), deps);
        if (change === "installed" && welcomes(activity)) await welcome(context, activity, deps, actor, now());
        return;
      }
      case "invoke":
        return onInvoke(context, activity, deps, actor, now());
    }
  };
}

async function onMessage(context: TurnContext, activity: MessageActivity, deps: BotDeps, actor: ActorLookup, now: Date): Promise<void> {
  if (!activity.text?.trim() && activity.value !== undefined) {
    deps.log.debug("teams: a message with a value but no text (an Action.Submit from another card) was ignored");
    return;
  }
  // every message refreshes the conversation's reference, so proactive posts can reach it later
  await deps.conversations.remember(TurnContext.getConversationReference(context.activity), {
    kind: conversationKind(activity),
    tenantId: tenantOf(activity),
    teamId: activity.channelData?.team?.id ?? null,
    userId: personId(activity),
  });
  const who = () => actor(personId(activity), activity.from.name);
  // Teams has no ephemeral messages: a private reply in a channel goes into the thread it was asked in.
  await context.sendActivity(await answerMessage(activity, deps, who, now));
  const teamsTeamId = activity.channelData?.team?.id;
  if (teamsTeamId) await syncRoster(context, teamsTeamId, deps, now);
}

/** Written in a channel of a Teams team linked to a Kundepuls team: its roster, once a day. */
async function syncRoster(context: TurnContext, teamsTeamId: string, deps: BotDeps, now: Date): Promise<void> {
  const roster = async () => {
    const members: RosterMember[] = [];
    let token: string | undefined;
    do {
      const page = await TeamsInfo.getPagedMembers(context, 500, token);
      for (const m of page.members) if (m.aadObjectId) members.push({ aadObjectId: m.aadObjectId, name: m.name ?? null, email: m.email ?? null });
      token = page.continuationToken || undefined;
    } while (token);
    return members;
  };
  try {
    if (await deps.roles.syncTeamsRosterDaily(teamsTeamId, roster, now)) deps.log.info(`teams: members synced from the roster of ${teamsTeamId}`);
  } catch (error) {
    deps.log.warn(`teams: the roster of ${teamsTeamId} could not be read; members stay as they were`, error);
  }
}

/** Installed in a personal chat: the person's overview as a welcome, in their client's language. */
async function welcome(context: TurnContext, activity: InstallationUpdateActivity, deps: BotDeps, actor: ActorLookup, now: Date): Promise<void> {
  try {
    const lang = localeLang(activity.locale, deps.defaultLang);
    await context.sendActivity(cardActivity(await deps.home.forActor(await actor(personId(activity), activity.from.name), now, lang)));
  } catch (error) {
    deps.log.warn(`teams: the welcome in ${activity.conversation.id} could not be sent (the install itself is stored)`, error);
  }
}

async function onInvoke(context: TurnContext, activity: InvokeActivity, deps: BotDeps, actor: ActorLookup, now: Date): Promise<void> {
  if (activity.name !== CARD_ACTION_INVOKE) {
    deps.log.debug(`teams: invoke "${activity.name}" not handled`);
    await context.sendActivity({ type: "invokeResponse", value: { status: 501 } });
    return;
  }
  const answer = await answerCardAction(activity, deps.actions, deps.defaultLang, { now, actor });
  // the clicker sees the invoke's card at once; everyone else sees the message updated
  if (answer.update) await updateInPlace(context, activity, answer.update, deps.log);
  await context.sendActivity({ type: "invokeResponse", value: { status: 200, body: answer.response } });
  if (answer.note) await postNote(context, activity, answer.note, deps.log);
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** updateActivity on the message that holds the card (the invoke's replyToId). */
async function updateInPlace(context: TurnContext, activity: InvokeActivity, message: Message, log: Logger): Promise<void> {
  if (!activity.replyToId) {
    log.warn(`teams: a card click without replyToId in ${activity.conversation.id}; only the clicker sees the new card`);
    return;
  }
  try {
    await withTimeout(context.updateActivity({ ...cardActivity(message), id: activity.replyToId }), LIMITS.turnCallMs, "updateActivity");
  } catch (error) {
    // on a timeout the update may still land; the clicker has the new card either way
    log.warn(`teams: message ${activity.replyToId} not updated in place (${reason(error)}); the clicker has the new card`);
  }
}

/** In a channel, a reply in the card's thread; in a chat, the next message. */
async function postNote(context: TurnContext, activity: InvokeActivity, note: Message, log: Logger): Promise<void> {
  const inThread = conversationKind(activity) === "channel" && activity.replyToId;
  context.onSendActivities(async (_ctx, activities, next) => {
    for (const sent of activities) {
      if (sent.type !== "message") continue;
      if (inThread) sent.replyToId = activity.replyToId;
      else delete sent.replyToId;
    }
    return next();
  });
  try {
    await withTimeout(context.sendActivity(cardActivity(note)), LIMITS.turnCallMs, "the note");
  } catch (error) {
    log.warn(`teams: the note after a card click in ${activity.conversation.id} was not posted (${reason(error)})`);
  }
}

/** adapter.onTurnError: logged, and the person gets a polite line instead of silence. */
export function createTurnErrorHandler(log: Logger, defaultLang: Lang): (context: TurnContext, error: Error) => Promise<void> {
  return async (context, error) => {
    log.error(`teams: turn failed (${context.activity.type})`, error);
    const notice = apologyNotice(defaultLang);
    try {
      if (context.activity.type === "message") await context.sendActivity(cardActivity(notice));
      // a card click waits for an invoke response: the message shows on the card
      if (context.activity.type === "invoke")
        await context.sendActivity({ type: "invokeResponse", value: { status: 200, body: { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: notice.summary } } });
    } catch (sendError) {
      log.warn(`teams: could not tell the person either: ${(sendError as Error).message}`);
    }
  };
}
