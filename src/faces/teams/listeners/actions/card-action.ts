// A click on a card button (Action.Execute → invoke "adaptiveCard/action") → the handler
// registered for its action id → what to answer. Three kinds of answer:
// - updated: the card changed for everyone (claimed, resolved, handed over): the invoke is
//   answered with the new card and the message itself is updated (bot.ts), a note may follow;
// - private: a card only the clicker sees in place of the one clicked (contact details, a form
//   with its problems marked);
// - notice: one line only the clicker sees (a refusal); the card stays as it is.
// An action without a handler gets a polite line, never an error.
import { z } from "zod";
import type { Message } from "../../../../messages/model.ts";
import type { Lang } from "../../../../core/language.ts";
import type { Actor } from "../../../../services/people.ts";
import { baseConversationId, conversationKind, personId, type ConversationKind, type InvokeActivity } from "../../activity.ts";
import { ADAPTIVE_CARD, pickerInputId, renderCard, type CardJson } from "../../cards.ts";
import { teamsText } from "../../texts.ts";

export const CARD_ACTION_INVOKE = "adaptiveCard/action";
/** invoke response type for a line of text Teams shows on the card, leaving the card unchanged */
export const MESSAGE_RESPONSE = "application/vnd.microsoft.activity.message";

export interface CardAction {
  /** the action id of the button (Action.Execute verb) */
  action: string;
  value: string;
  /** the user chosen in the card's people picker, if it has one */
  user: string | null;
  lang: Lang;
  /** the kind of message the button was on ("alert", "home", "form"; "" if unknown) */
  card: string;
  /** everything the card sent: the button's data and the values of its inputs */
  data: Record<string, unknown>;
  /** who clicked (Entra object id), their display name, and where */
  userId: string;
  userName: string | null;
  conversationId: string;
  conversationKind: ConversationKind;
}

/** The clicker (or a person picked on the card) as an Actor, with name and e-mail when Teams tells them. */
export type ActorLookup = (userId: string, fallbackName?: string | null) => Promise<Actor>;

export interface ActionContext {
  now: Date;
  actor: ActorLookup;
}

export type CardActionResult =
  | { kind: "updated"; message: Message; note?: Message | null }
  | { kind: "private"; card: CardJson }
  | { kind: "notice"; message: Message };

export type CardActionHandler = (action: CardAction, ctx: ActionContext) => Promise<CardActionResult>;
export type CardActionHandlers = ReadonlyMap<string, CardActionHandler>;

/** The body of the invoke response Teams expects for adaptiveCard/action. */
export interface CardActionResponse {
  statusCode: number;
  type: string;
  value: unknown;
}

export interface CardActionAnswer {
  response: CardActionResponse;
  /** show this in the clicked message for everyone (updateActivity) */
  update: Message | null;
  /** post this after the card (in its thread in a channel) */
  note: Message | null;
}

const executeValue = z.object({
  action: z.object({
    type: z.literal("Action.Execute"),
    verb: z.string().min(1),
    data: z.record(z.string(), z.unknown()).optional(),
  }),
});

export function parseCardAction(activity: InvokeActivity, defaultLang: Lang): CardAction | null {
  const parsed = executeValue.safeParse(activity.value);
  if (!parsed.success) return null;
  const { verb, data = {} } = parsed.data.action;
  const text = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);
  return {
    action: verb,
    value: text(data.value) ?? "",
    user: text(data[pickerInputId(verb)]),
    lang: data.lang === "da" || data.lang === "en" ? data.lang : defaultLang,
    card: text(data.card) ?? "",
    data,
    userId: personId(activity),
    userName: activity.from.name ?? null,
    conversationId: baseConversationId(activity.conversation.id),
    conversationKind: conversationKind(activity),
  };
}

const line = (text: string): CardActionResponse => ({ statusCode: 200, type: MESSAGE_RESPONSE, value: text });
const card = (json: CardJson): CardActionResponse => ({ statusCode: 200, type: ADAPTIVE_CARD, value: json });

/** A notice's text, as one line for the card. */
function noticeText(message: Message): string {
  const texts = message.blocks.flatMap((b) => (b.type === "text" || b.type === "header" || b.type === "context" ? [b.text] : []));
  return texts.length > 0 ? texts.join(" ") : message.summary;
}

export async function answerCardAction(activity: InvokeActivity, handlers: CardActionHandlers, defaultLang: Lang, ctx: ActionContext): Promise<CardActionAnswer> {
  const action = parseCardAction(activity, defaultLang);
  if (!action) return { response: { statusCode: 400, type: "application/vnd.microsoft.error", value: { code: "BadRequest", message: "not an Action.Execute" } }, update: null, note: null };
  const handler = handlers.get(action.action);
  if (!handler) return { response: line(teamsText("staleButton", action.lang)), update: null, note: null };
  const result = await handler(action, ctx);
  switch (result.kind) {
    case "updated":
      return { response: card(renderCard(result.message)), update: result.message, note: result.note ?? null };
    case "private":
      return { response: card(result.card), update: null, note: null };
    case "notice":
      return { response: line(noticeText(result.message)), update: null, note: null };
  }
}
