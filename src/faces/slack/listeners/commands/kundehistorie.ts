// /kundehistorie [what the customer said] — ack at once, then the story modal, pre-filled with
// the text typed after the command (views.open with the command's trigger_id). The language is
// the one the person typed in, else the workspace's.
import { detectLang } from "../../../../core/language.ts";
import { unescapeSlackText } from "../../escape.ts";
import { apologyMessage } from "../../texts.ts";
import type { ListenerClient } from "../client.ts";
import type { ListenerDeps } from "../deps.ts";
import { replyWith, type Respond } from "../reply.ts";
import { openStoryModal } from "../views/story-modal.ts";

export const STORY_COMMAND = "/kundehistorie";

export interface StoryCommandArgs {
  command: { text?: string; channel_id: string; user_id: string; trigger_id: string };
  ack: () => Promise<void>;
  respond: Respond;
  client: Pick<ListenerClient, "views">;
}

export function storyCommand(deps: ListenerDeps) {
  return async ({ command, ack, respond, client }: StoryCommandArgs): Promise<void> => {
    await ack();
    const text = unescapeSlackText(command.text ?? "").trim();
    const lang = detectLang(text, deps.defaultLang);
    try {
      await openStoryModal(deps, client, { triggerId: command.trigger_id, lang, initialText: text, channel: command.channel_id });
    } catch (error) {
      deps.log.error(`slack: ${STORY_COMMAND} could not open the story modal`, error);
      await replyWith(respond, apologyMessage(lang), "ephemeral", deps.log);
    }
  };
}
