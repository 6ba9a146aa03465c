// Incoming Bot Framework activities, parsed once at the edge (zod), only the fields the Teams
// face uses. Shapes follow what Teams really sends (test/fixtures/recorded/*-teams.json).
import { z } from "zod";

const account = z.object({ id: z.string().min(1), name: z.string().optional(), aadObjectId: z.string().optional() });

/** Enough to be an activity at all: checked before botbuilder sees the request. */
export const envelopeSchema = z.object({
  type: z.string().min(1),
  serviceUrl: z.url(),
  channelId: z.string().min(1),
  conversation: z.object({ id: z.string().min(1) }),
});

const conversation = z.object({
  id: z.string().min(1),
  /** personal | channel | groupChat (meeting chats are group chats) */
  conversationType: z.string().optional(),
  tenantId: z.string().optional(),
});

const channelData = z
  .object({
    tenant: z.object({ id: z.string() }).optional(),
    team: z.object({ id: z.string() }).optional(),
    eventType: z.string().optional(),
  })
  .optional();

const base = {
  id: z.string().optional(),
  serviceUrl: z.url(),
  channelId: z.string().min(1),
  from: account,
  recipient: account,
  conversation,
  channelData,
};

const mention = z.object({ type: z.literal("mention"), text: z.string().optional(), mentioned: z.object({ id: z.string() }).optional() });

export const messageSchema = z.object({
  ...base,
  type: z.literal("message"),
  text: z.string().optional(),
  /** mentions; other entity kinds (clientInfo, …) are kept out by the filter below */
  entities: z
    .array(z.unknown())
    .optional()
    .transform((list) =>
      (list ?? []).flatMap((e) => {
        const parsed = mention.safeParse(e);
        return parsed.success ? [parsed.data] : [];
      }),
    ),
  value: z.unknown().optional(),
});

export const installationUpdateSchema = z.object({
  ...base,
  type: z.literal("installationUpdate"),
  /** add | remove | add-upgrade | remove-upgrade */
  action: z.string().optional(),
  /** the Teams client's language ("da-DK", "en-US"): the welcome is written in it */
  locale: z.string().optional(),
});

export const conversationUpdateSchema = z.object({
  ...base,
  type: z.literal("conversationUpdate"),
  membersAdded: z.array(account).optional(),
  membersRemoved: z.array(account).optional(),
});

export const invokeSchema = z.object({
  ...base,
  type: z.literal("invoke"),
  name: z.string().optional(),
  value: z.unknown().optional(),
  /** a card click: the id of the message that holds the card (to update it in place) */
  replyToId: z.string().optional(),
});

export type MessageActivity = z.infer<typeof messageSchema>;
export type InstallationUpdateActivity = z.infer<typeof installationUpdateSchema>;
export type ConversationUpdateActivity = z.infer<typeof conversationUpdateSchema>;
export type InvokeActivity = z.infer<typeof invokeSchema>;
export type TeamsActivity = MessageActivity | InstallationUpdateActivity | ConversationUpdateActivity | InvokeActivity;

/** `unhandled`: a type the face does not react to (typing, reactions, …), as opposed to a malformed one. */
export function parseActivity(raw: unknown): { ok: true; activity: TeamsActivity } | { ok: false; unhandled: boolean; reason: string } {
  const type = (raw as { type?: unknown } | null)?.type;
  const schema =
    type === "message" ? messageSchema
    : type === "installationUpdate" ? installationUpdateSchema
    : type === "conversationUpdate" ? conversationUpdateSchema
    : type === "invoke" ? invokeSchema
    : null;
  if (!schema) return { ok: false, unhandled: true, reason: `activity type "${String(type)}" is not handled` };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, unhandled: false, reason: `${String(type)}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"} ${i.message}`).join("; ")}` };
  return { ok: true, activity: parsed.data };
}

/**
 * A channel message's conversation id names its thread ("19:…@thread.tacv2;messageid=123");
 * the channel itself is the part before ";messageid=". Other conversations have no suffix.
 */
export function baseConversationId(conversationId: string): string {
  const at = conversationId.indexOf(";messageid=");
  return at === -1 ? conversationId : conversationId.slice(0, at);
}

export type ConversationKind = "personal" | "channel" | "groupChat";

/** The Emulator sends no conversationType: it is a one-to-one chat. */
export function conversationKind(activity: Pick<TeamsActivity, "conversation">): ConversationKind {
  const type = activity.conversation.conversationType;
  return type === undefined || type === "personal" ? "personal" : type === "channel" ? "channel" : "groupChat";
}

export function tenantOf(activity: Pick<TeamsActivity, "conversation" | "channelData">): string | null {
  return activity.conversation.tenantId ?? activity.channelData?.tenant?.id ?? null;
}

/** The person's id for services: their Entra object id when Teams sends it, else the channel id. */
export function personId(activity: Pick<TeamsActivity, "from">): string {
  return activity.from.aadObjectId ?? activity.from.id;
}
