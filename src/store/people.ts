// People as the roles see them: found or created from a PERSON reference, the admin flag, and
// the teams a person leads or belongs to (the facts the permission policy decides on).
import type { PersonRef } from "../core/person-ref.ts";
import type { Db } from "./database.ts";

export interface StoredPerson {
  id: number;
  email: string | null;
  name: string | null;
  slackUserId: string | null;
  teamsUserId: string | null;
  isAdmin: boolean;
}

/** The column holding a chat platform's user id. */
export type PlatformUserField = "slackUserId" | "teamsUserId";

export class PeopleStore {
  constructor(private readonly prisma: Db) {}

  async find(ref: PersonRef): Promise<StoredPerson | null> {
    return this.prisma.person.findFirst({ where: ref });
  }

  /** Found by the reference, else created with it (a lead named before they ever wrote). */
  async findOrCreate(ref: PersonRef, name?: string | null): Promise<StoredPerson> {
    const existing = await this.find(ref);
    if (existing) return existing;
    return this.prisma.person.create({ data: { ...ref, name: name ?? null } }).catch(async (error: { code?: string }) => {
      if (error.code !== "P2002") throw error; // created at the same moment elsewhere
      return this.prisma.person.findFirstOrThrow({ where: ref });
    });
  }

  async byId(id: number): Promise<StoredPerson | null> {
    return this.prisma.person.findUnique({ where: { id } });
  }

  /** Links a Slack user id to a person known only by e-mail (users.lookupByEmail found them). */
  async linkSlackUser(personId: number, slackUserId: string): Promise<StoredPerson> {
    return this.prisma.person.update({ where: { id: personId }, data: { slackUserId } });
  }

  async setAdmin(personId: number, isAdmin: boolean): Promise<boolean> {
    const changed = await this.prisma.person.updateMany({ where: { id: personId, isAdmin: !isAdmin }, data: { isAdmin } });
    return changed.count > 0;
  }

  async admins(): Promise<StoredPerson[]> {
    return this.prisma.person.findMany({ where: { isAdmin: true }, orderBy: { id: "asc" } });
  }

  /** The person a chat platform's user id belongs to. */
  async byPlatformUser(field: PlatformUserField, userId: string): Promise<StoredPerson | null> {
    return this.prisma.person.findFirst({ where: { [field]: userId } });
  }

  async byEmail(email: string): Promise<StoredPerson | null> {
    return this.prisma.person.findUnique({ where: { email } });
  }

  /** Links a chat platform's user id to a known person (found by e-mail). */
  async linkPlatformUser(personId: number, field: PlatformUserField, userId: string): Promise<StoredPerson> {
    return this.prisma.person.update({ where: { id: personId }, data: { [field]: userId } });
  }

  /** A new person for a chat user; the one created at the same moment elsewhere when that won. */
  async createForPlatformUser(field: PlatformUserField, userId: string, email: string | null, name: string | null): Promise<StoredPerson> {
    return this.prisma.person.create({ data: { [field]: userId, email, name } }).catch(async (error: { code?: string }) => {
      if (error.code !== "P2002") throw error;
      return this.prisma.person.findFirstOrThrow({ where: { [field]: userId } });
    });
  }

  /** The person with this e-mail, created (with the name) when there is none; an existing name stays. */
  async ensureByEmail(email: string, name: string | null): Promise<StoredPerson> {
    return this.prisma.person.upsert({ where: { email }, update: {}, create: { email, name } });
  }

  /** The person with this e-mail, created or renamed to `name` (the demo's known staff). */
  async saveNamed(email: string, name: string): Promise<number> {
    return (await this.prisma.person.upsert({ where: { email }, create: { email, name }, update: { name }, select: { id: true } })).id;
  }

  async setName(personId: number, name: string): Promise<StoredPerson> {
    return this.prisma.person.update({ where: { id: personId }, data: { name } });
  }

  /** Several people at once (routing a case weighs up to three); unknown ids are left out. */
  async byIds(ids: number[]): Promise<StoredPerson[]> {
    if (ids.length === 0) return [];
    return this.prisma.person.findMany({ where: { id: { in: ids } } });
  }

  /** The Teams personal chats of several Teams users, by Teams user id (the first of each, a TeamsConversation of kind personal). */
  async personalTeamsChats(teamsUserIds: string[]): Promise<Map<string, string>> {
    if (teamsUserIds.length === 0) return new Map();
    const chats = await this.prisma.teamsConversation.findMany({ where: { userId: { in: teamsUserIds }, kind: "personal" }, select: { userId: true, conversationId: true }, orderBy: { id: "asc" } });
    const byUser = new Map<string, string>();
    for (const c of chats) if (c.userId !== null && !byUser.has(c.userId)) byUser.set(c.userId, c.conversationId);
    return byUser;
  }

  /** The teams a person leads and those they belong to (any source). */
  async teamsOf(personId: number): Promise<{ leads: number[]; memberOf: number[] }> {
    const [led, member] = await Promise.all([
      this.prisma.team.findMany({ where: { leadId: personId }, select: { id: true } }),
      this.prisma.teamMember.findMany({ where: { personId }, select: { teamId: true }, distinct: ["teamId"] }),
    ]);
    return { leads: led.map((t) => t.id), memberOf: member.map((m) => m.teamId) };
  }
}
