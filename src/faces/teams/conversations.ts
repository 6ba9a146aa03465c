// The Teams conversations the bot may post to (table TeamsConversation): one row per personal
// chat, group chat or channel, holding the botbuilder ConversationReference that proactive
// posts need. Rows come from installs and from every message the bot receives (so a channel
// gets its reference the moment someone types "@Kundepuls connect …" there).
import type { ConversationReference } from "botbuilder";
import { z } from "zod";
import type { Db } from "../../store/database.ts";
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

export class TeamsConversationStore {
  constructor(private readonly prisma: Db) {}

  /** Stores (or refreshes) the reference of a conversation: channel threads count as their channel. */
  async remember(reference: Partial<ConversationReference>, meta: Omit<StoredConversation, "conversationId" | "reference">): Promise<string> {
    const conversationId = baseConversationId(reference.conversation?.id ?? "");
    if (!conversationId) throw new Error("a conversation reference without conversation id");
    const { activityId: _replyTarget, ...rest } = reference; // a stored reference posts new messages, it replies to nothing
    const json = JSON.stringify({ ...rest, conversation: { ...rest.conversation, id: conversationId }, ...(meta.teamId ? { teamId: meta.teamId } : {}) });
    const data = { kind: meta.kind, reference: json, tenantId: meta.tenantId, userId: meta.kind === "personal" ? meta.userId : null };
    try {
      await this.prisma.teamsConversation.upsert({ where: { conversationId }, create: { conversationId, ...data }, update: data });
    } catch (error) {
      // created at the same moment by another request (install events come in pairs)
      if ((error as { code?: string }).code !== "P2002") throw error;
      await this.prisma.teamsConversation.update({ where: { conversationId }, data });
    }
    return conversationId;
  }

  async find(conversationId: string): Promise<StoredConversation | null> {
    const row = await this.prisma.teamsConversation.findUnique({ where: { conversationId: baseConversationId(conversationId) } });
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
    const rows = await this.prisma.teamsConversation.findMany({ where: { kind: "channel", ...(tenantId ? { tenantId } : {}) }, select: { conversationId: true, reference: true } });
    return rows.filter((row) => storedReference.safeParse(JSON.parse(row.reference)).data?.teamId === teamId).map((row) => row.conversationId);
  }

  async forget(conversationIds: string[]): Promise<number> {
    const ids = [...new Set(conversationIds.map(baseConversationId))];
    return (await this.prisma.teamsConversation.deleteMany({ where: { conversationId: { in: ids } } })).count;
  }
}
