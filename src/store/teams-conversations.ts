// The Teams conversations the bot may post to (table TeamsConversation): one row per personal
// chat, group chat or channel with its botbuilder ConversationReference as JSON. What the JSON
// means is the Teams face's business (faces/teams/conversations.ts); this keeps the rows.
import type { Db } from "./database.ts";

export interface ConversationRow {
  conversationId: string;
  /** personal | channel | groupChat */
  kind: string;
  /** the reference as JSON */
  reference: string;
  tenantId: string | null;
  /** personal chats: the person's id (Entra object id) */
  userId: string | null;
}

export class TeamsConversationStore {
  constructor(private readonly prisma: Db) {}

  /** Stores or refreshes a conversation's row. */
  async save(row: ConversationRow): Promise<void> {
    const { conversationId, ...data } = row;
    try {
      await this.prisma.teamsConversation.upsert({ where: { conversationId }, create: row, update: data });
    } catch (error) {
      // created at the same moment by another request (install events come in pairs)
      if ((error as { code?: string }).code !== "P2002") throw error;
      await this.prisma.teamsConversation.update({ where: { conversationId }, data });
    }
  }

  async find(conversationId: string): Promise<ConversationRow | null> {
    return this.prisma.teamsConversation.findUnique({ where: { conversationId }, select: { conversationId: true, kind: true, reference: true, tenantId: true, userId: true } });
  }

  /** Every stored channel (of one tenant, when given). */
  async channels(tenantId: string | null): Promise<{ conversationId: string; reference: string }[]> {
    return this.prisma.teamsConversation.findMany({ where: { kind: "channel", ...(tenantId ? { tenantId } : {}) }, select: { conversationId: true, reference: true } });
  }

  async forget(conversationIds: string[]): Promise<number> {
    return (await this.prisma.teamsConversation.deleteMany({ where: { conversationId: { in: conversationIds } } })).count;
  }
}
