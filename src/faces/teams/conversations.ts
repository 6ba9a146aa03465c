// The Teams conversations the bot may post to: one per personal chat, group chat or channel,
// holding the botbuilder ConversationReference that proactive posts need (stored as JSON by
// store/teams-conversations.ts). Rows come from installs and from every message the bot receives (so a channel
// gets its reference the moment someone types "@Kundepuls connect …" there).
import type { ConversationReference } from "botbuilder";
import { z } from "zod";
import type { TeamsConversationStore } from "../../store/teams-conversations.ts";
import { baseConversationId, type ConversationKind } from "./activity.ts";

export interface StoredConversation {
  conversationId: string;
  kind: ConversationKind;
  tenantId: string | null;
  /** the team a channel belongs to (its General channel id); null for chats */
  teamId: string | null;
  /** personal chats: the person's id (Entra object id), so services can message them */
  userId: string | null;
  reference: Partial<ConversationReference>;
}

/** The stored JSON: the ConversationReference, plus `teamId` for channels. */
const storedReference = z
  .object({
    serviceUrl: z.string(),
    channelId: z.string(),
    conversation: z.object({ id: z.string() }).loose(),
    teamId: z.string().optional(),
  })
  .loose();

const KINDS: ConversationKind[] = ["personal", "channel", "groupChat"];

export class TeamsConversations {
  constructor(private readonly rows: TeamsConversationStore) {}

  /** Stores (or refreshes) the reference of a conversation: channel threads count as their channel. */
  async remember(reference: Partial<ConversationReference>, meta: Omit<StoredConversation, "conversationId" | "reference">): Promise<string> {
    const conversationId = baseConversationId(reference.conversation?.id ?? "");
    if (!conversationId) throw new Error("a conversation reference without conversation id");
    const { activityId: _replyTarget, ...rest } = reference; // a stored reference posts new messages, it replies to nothing
    const json = JSON.stringify({ ...rest, conversation: { ...rest.conversation, id: conversationId }, ...(meta.teamId ? { teamId: meta.teamId } : {}) });
    await this.rows.save({ conversationId, kind: meta.kind, reference: json, tenantId: meta.tenantId, userId: meta.kind === "personal" ? meta.userId : null });
    return conversationId;
  }

  async find(conversationId: string): Promise<StoredConversation | null> {
    const row = await this.rows.find(baseConversationId(conversationId));
    if (!row) return null;
    const parsed = storedReference.parse(JSON.parse(row.reference));
    const { teamId, ...reference } = parsed;
    return {
      conversationId: row.conversationId,
      kind: KINDS.includes(row.kind as ConversationKind) ? (row.kind as ConversationKind) : "personal",
      tenantId: row.tenantId,
      teamId: teamId ?? null,
      userId: row.userId,
      reference: reference as unknown as Partial<ConversationReference>, // written by remember() from botbuilder's own reference
    };
  }

  /** The stored channels of a team (found through the team id kept with each channel reference). */
  async channelsOfTeam(teamId: string, tenantId: string | null): Promise<string[]> {
    const rows = await this.rows.channels(tenantId);
    return rows.filter((row) => storedReference.safeParse(JSON.parse(row.reference)).data?.teamId === teamId).map((row) => row.conversationId);
  }

  async forget(conversationIds: string[]): Promise<number> {
    const ids = [...new Set(conversationIds.map(baseConversationId))];
    return this.rows.forget(ids);
  }
}
