// The bot was added to a channel: say once, in one line, how to connect it to a team. Other
// people joining, and channels already connected (the bot joined on /nps connect), get nothing.
import { renderMessage } from "../../blocks.ts";
import { helloMessage } from "../../texts.ts";
import type { ListenerDeps } from "../deps.ts";

export const MEMBER_JOINED_CHANNEL = "member_joined_channel";

export interface MemberJoinedArgs {
  event: { user: string; channel: string };
  context: { botUserId?: string };
  client: { chat: { postMessage(args: { channel: string; text: string; blocks: unknown[] }): Promise<unknown> } };
}

export function memberJoinedChannel(deps: ListenerDeps) {
  return async ({ event, context, client }: MemberJoinedArgs): Promise<void> => {
    if (!context.botUserId || event.user !== context.botUserId) return;
    if ((await deps.bindings.forChannel("slack", event.channel)).length > 0) return;
    const { text, blocks } = renderMessage(helloMessage(deps.defaultLang));
    await client.chat.postMessage({ channel: event.channel, text, blocks });
    deps.log.info(`slack: added to channel ${event.channel}; said hello`);
  };
}
