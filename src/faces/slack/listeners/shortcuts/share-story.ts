// "Del som kundehistorie / Share as customer story" on a message: the story modal, pre-filled
// with the message's text (Slack's markup — mentions, links, entities — turned into plain text).
import { z } from "zod";
import { unescapeSlackText } from "../../escape.ts";
import { apologyMessage } from "../../texts.ts";
import type { ListenerClient } from "../client.ts";
import type { ListenerDeps } from "../deps.ts";
import { replyWith, type Respond } from "../reply.ts";
import { openStoryModal } from "../views/story-modal.ts";

export const SHARE_STORY_SHORTCUT = "share_story";

export interface ShortcutArgs {
  ack: () => Promise<void>;
  shortcut: unknown;
  client: Pick<ListenerClient, "views">;
  /** message shortcuts carry a response_url, so Bolt provides respond() */
  respond?: Respond;
}

const messageShortcut = z.object({
  type: z.literal("message_action"),
  trigger_id: z.string().min(1),
  channel: z.object({ id: z.string().min(1) }).optional(),
  message: z.object({ text: z.string().optional() }).optional(),
});

/** <@U1|anna> → @anna, <#C1|salg> → #salg, <!here> → @here, <https://x|x.dk> → x.dk, &amp; → & */
export function slackTextToPlain(text: string): string {
  const plain = text.replace(/<([^<>]*)>/g, (_all, inner: string) => {
    const [target = "", label] = inner.split("|", 2);
    if (target.startsWith("@")) return `@${label ?? target.slice(1)}`;
    if (target.startsWith("#")) return `#${label ?? target.slice(1)}`;
    if (target.startsWith("!")) return `@${(label ?? target.slice(1)).replace(/^subteam\^/, "")}`;
    return label ?? target;
  });
  return unescapeSlackText(plain).trim();
}

export function shareStoryShortcut(deps: ListenerDeps) {
  return async ({ ack, shortcut, client, respond }: ShortcutArgs): Promise<void> => {
    await ack();
    const parsed = messageShortcut.safeParse(shortcut);
    if (!parsed.success) {
      deps.log.warn(`slack: ${SHARE_STORY_SHORTCUT} with a payload we cannot read; ignored`);
      return;
    }
    const s = parsed.data;
    try {
      await openStoryModal(deps, client, { triggerId: s.trigger_id, lang: deps.defaultLang, initialText: slackTextToPlain(s.message?.text ?? ""), channel: s.channel?.id ?? null });
    } catch (error) {
      deps.log.error(`slack: ${SHARE_STORY_SHORTCUT} could not open the story modal`, error);
      if (respond) await replyWith(respond, apologyMessage(deps.defaultLang), "ephemeral", deps.log);
    }
  };
}
