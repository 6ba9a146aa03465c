// The app installed in / removed from a personal chat, group chat or team. Teams tells it twice
// (installationUpdate and conversationUpdate with the bot among the members); both are handled
// and both are idempotent. Removal forgets the stored references and the channel bindings, so
// nothing is posted into a conversation the bot can no longer reach.
import type { ConversationReference } from "botbuilder";
import type { Logger } from "../../../../logger.ts";
import type { BindingService } from "../../../../services/binding-service.ts";
import { baseConversationId, conversationKind, personId, tenantOf, type ConversationUpdateActivity, type InstallationUpdateActivity } from "../../activity.ts";
import type { TeamsConversations } from "../../conversations.ts";

export type InstallActivity = InstallationUpdateActivity | ConversationUpdateActivity;
export type InstallChange = "installed" | "uninstalled" | null;

export interface InstallDeps {
  conversations: TeamsConversations;
  bindings: BindingService;
  log: Logger;
}

/** What the activity says about the bot itself: added, removed, or nothing (someone else joined). */
export function installChange(activity: InstallActivity): InstallChange {
  if (activity.type === "installationUpdate") {
    if (activity.action === "add" || activity.action === "add-upgrade") return "installed";
    if (activity.action === "remove") return "uninstalled";
    return null;
  }
  const isBot = (members: { id: string }[] | undefined) => (members ?? []).some((m) => m.id === activity.recipient.id);
  if (isBot(activity.membersRemoved)) return "uninstalled";
  if (isBot(activity.membersAdded)) return "installed";
  return null;
}

/**
 * A personal install gets a welcome (the home card). Only installationUpdate "add": Teams sends
 * a conversationUpdate for the same install too, and an upgrade is no new install.
 */
export function welcomes(activity: InstallActivity): activity is InstallationUpdateActivity {
  return activity.type === "installationUpdate" && activity.action === "add" && conversationKind(activity) === "personal";
}

/** Stores or forgets the conversation; `reference` is TurnContext.getConversationReference(activity). */
export async function onInstallChange(activity: InstallActivity, reference: Partial<ConversationReference>, deps: InstallDeps): Promise<InstallChange> {
  const change = installChange(activity);
  const kind = conversationKind(activity);
  const tenantId = tenantOf(activity);
  const teamId = kind === "channel" ? (activity.channelData?.team?.id ?? null) : null;
  if (change === "installed") {
    // in a personal chat the person who installed it is the person the chat is with
    const id = await deps.conversations.remember(reference, { kind, tenantId, teamId, userId: personId(activity) });
    deps.log.info(`teams: installed in ${kind} ${id}`);
  } else if (change === "uninstalled") {
    const id = baseConversationId(activity.conversation.id);
    // removed from a team: every channel of that team is out of reach, not only General
    const ids = teamId ? [id, ...(await deps.conversations.channelsOfTeam(teamId, tenantId))] : [id];
    const forgotten = await deps.conversations.forget(ids);
    let unbound = 0;
    for (const channelId of new Set(ids)) unbound += await deps.bindings.forgetChannel("teams", channelId);
    deps.log.info(`teams: removed from ${kind} ${id}: ${forgotten} conversation(s) and ${unbound} binding(s) forgotten`);
  }
  return change;
}
