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

  /** The teams a person leads and those they belong to (any source). */
  async teamsOf(personId: number): Promise<{ leads: number[]; memberOf: number[] }> {
    const [led, member] = await Promise.all([
      this.prisma.team.findMany({ where: { leadId: personId }, select: { id: true } }),
      this.prisma.teamMember.findMany({ where: { personId }, select: { teamId: true }, distinct: ["teamId"] }),
    ]);
    return { leads: led.map((t) => t.id), memberOf: member.map((m) => m.teamId) };
  }
}
