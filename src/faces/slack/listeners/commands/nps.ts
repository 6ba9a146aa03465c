// /nps … — ack at once (Slack gives 3 seconds), then answer through the response_url: private
// answers ephemeral, shared answers and channel connections in the channel.
import { detectLang } from "../../../../core/language.ts";
import { unescapeSlackText } from "../../escape.ts";
import { ensureMember, type MembershipClient } from "../../membership.ts";
import { apologyMessage, inviteMeMessage } from "../../texts.ts";
import type { ListenerDeps } from "../deps.ts";
import { replyWith, type Respond } from "../reply.ts";
import type { ListenerClient } from "../client.ts";
import type { SlackUsers } from "../users.ts";

export const NPS_COMMAND = "/nps";

export interface SlashCommandArgs {
  command: { text?: string; channel_id: string; user_id: string };
  ack: () => Promise<void>;
  respond: Respond;
  client: MembershipClient & Partial<Pick<ListenerClient, "users">>;
}

/** `users`: who typed it (name, e-mail via users.info), looked up only when a command needs to know. */
export function npsCommand(deps: ListenerDeps, users?: SlackUsers) {
  return async ({ command, ack, respond, client }: SlashCommandArgs): Promise<void> => {
    await ack(); // first, with no body: nothing below may delay it
    const text = unescapeSlackText(command.text ?? "");
    let reply;
    try {
      const usersApi = client.users;
      const actor = users && usersApi ? { actor: () => users.actor({ users: usersApi }, command.user_id) } : {};
      reply = await deps.commands.handle(text, { platform: "slack", channelId: command.channel_id, userId: command.user_id, ...actor, now: deps.now() });
    } catch (error) {
      deps.log.error(`slack: ${NPS_COMMAND} "${text}" failed`, error);
      await replyWith(respond, apologyMessage(detectLang(text, deps.defaultLang)), "ephemeral", deps.log);
      return;
    }
    const shown = await replyWith(respond, reply.message, reply.visibility === "channel" ? "in_channel" : "ephemeral", deps.log);
    if (shown && reply.message.kind === "bindingReply" && reply.visibility === "channel") {
      await makeSurePostingWorks(command.channel_id, reply.message.lang, { respond, client }, deps);
    }
  };
}

/** The channel now gets digests, stories or alerts: the bot must be a member to post them. */
async function makeSurePostingWorks(channelId: string, lang: "da" | "en", slack: { respond: Respond; client: MembershipClient }, deps: ListenerDeps): Promise<void> {
  if ((await deps.bindings.forChannel("slack", channelId)).length === 0) return; // disconnected entirely
  try {
    const membership = await ensureMember(slack.client, channelId);
    if (membership === "joined") deps.log.info(`slack: joined channel ${channelId}, which was just connected`);
    if (membership === "needsInvite") await replyWith(slack.respond, inviteMeMessage(lang), "ephemeral", deps.log);
  } catch (error) {
    deps.log.warn(`slack: could not join channel ${channelId}; messages there will fail until the bot is invited`, error);
    await replyWith(slack.respond, inviteMeMessage(lang), "ephemeral", deps.log);
  }
}
