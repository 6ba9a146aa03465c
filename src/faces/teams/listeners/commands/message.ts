// A message to the bot (personal chat, or @mention in a channel / group chat). Teams puts the
// mention into the text ("<at>Kundepuls</at> nps denne måned"); it is removed here. The commands
// only chats have (kundehistorie / story, overblik / home) are answered here; everything else goes
// to the shared command parser, normalised to what ChatCommandService understands.
import { detectLang } from "../../../../core/language.ts";
import type { Lang } from "../../../../core/language.ts";
import type { ChatCommandService, ChatReply } from "../../../../services/chat-commands.ts";
import type { Actor } from "../../../../services/people.ts";
import { baseConversationId, conversationKind, personId, type MessageActivity } from "../../activity.ts";
import { cardActivity, type CardMessageActivity } from "../../cards.ts";
import { answerHome, type HomeDeps } from "./home.ts";
import { answerStory, type StoryDeps } from "./story.ts";

const AT_TAG = /<at>(.*?)<\/at>/gi;
const ENTITIES: Record<string, string> = { "&nbsp;": " ", "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };

/** The person who wrote, as an Actor (looked up once, when a command needs them). */
export type Who = () => Promise<Actor>;

/** The text with the bot's mention removed and entities decoded; line breaks are kept (stories). */
export function messageText(activity: Pick<MessageActivity, "text" | "entities" | "recipient">): string {
  let text = activity.text ?? "";
  // the bot's own mention, exactly as Teams wrote it into the text
  for (const entity of activity.entities) {
    if (entity.mentioned?.id === activity.recipient.id && entity.text) text = text.split(entity.text).join(" ");
  }
  // a leading mention without a mention entity (the Emulator, older clients) is the bot too
  text = text.replace(/^\s*<at>.*?<\/at>/i, " ");
  // other people mentioned keep their name, without the markup
  return text
    .replace(AT_TAG, "$1")
    .replace(/&(nbsp|amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/[^\S\r\n]+/g, " ")
    .replace(/ *\r?\n */g, "\n")
    .trim();
}

/** The command a message carries, on one line: "nps denne måned", "nps help", … */
export function commandText(activity: Pick<MessageActivity, "text" | "entities" | "recipient">): string {
  const text = messageText(activity).replace(/\s+/g, " ").trim();
  if (text === "") return "nps help"; // only the mention: say what the bot can do
  return /^\/?nps(\s|$)/i.test(text) ? text : `nps ${text}`;
}

export type TeamsCommand = { kind: "story"; text: string; lang: Lang } | { kind: "home"; lang: Lang } | { kind: "shared" };

const STORY = /^\/?(kundehistorie|story)(?:\s+([\s\S]*))?$/i;
const HOME = /^\/?(overblik|hjem|home)$/i;

/** The chat-only commands; the keyword's language is the answer's unless the text says otherwise. */
export function teamsCommand(text: string): TeamsCommand {
  const story = STORY.exec(text);
  if (story) {
    const body = (story[2] ?? "").trim();
    return { kind: "story", text: body, lang: detectLang(body, story[1]!.toLowerCase() === "story" ? "en" : "da") };
  }
  const home = HOME.exec(text);
  if (home) return { kind: "home", lang: home[1]!.toLowerCase() === "home" ? "en" : "da" };
  return { kind: "shared" };
}

/** Runs the command for the person and conversation it came from. */
export function answerCommand(activity: MessageActivity, commands: ChatCommandService, now: Date, actor?: Who): Promise<ChatReply> {
  return commands.handle(commandText(activity), {
    platform: "teams",
    // bindings belong to the channel, not to the thread the command was typed in
    channelId: baseConversationId(activity.conversation.id),
    userId: personId(activity),
    // name and e-mail from the roster: ADMINS may name the person by e-mail
    ...(actor ? { actor } : {}),
    now,
  });
}

export interface MessageDeps extends StoryDeps, HomeDeps {
  commands: ChatCommandService;
}

/** Any message → the card to answer with. */
export async function answerMessage(activity: MessageActivity, deps: MessageDeps, who: Who, now: Date): Promise<CardMessageActivity> {
  const command = teamsCommand(messageText(activity));
  if (command.kind === "story") return answerStory(command, deps, who, now);
  if (command.kind === "home") return answerHome(command.lang, conversationKind(activity), deps, who, now);
  const reply = await answerCommand(activity, deps.commands, now, who);
  return cardActivity(reply.message);
}
