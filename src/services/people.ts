// People on Slack and/or Teams, mapped by platform user id or e-mail, and where to reach them.
import type { PeopleStore, StoredPerson } from "../store/people.ts";

export interface Actor {
  platform: "slack" | "teams" | "console";
  userId: string;
  email?: string | null;
  name?: string | null;
}

/** a Person as stored (store/people.ts) */
export type PersonRow = StoredPerson;

/** A place to send a person a private message. */
export interface DirectTarget {
  platform: "slack" | "teams";
  target: string;
}

export class PeopleService {
  /** admins named in ADMINS (e-mails or platform user ids) */
  constructor(private readonly store: PeopleStore, private readonly admins: string[] = []) {}

  /** ADMINS names the person: by the chat user's id or e-mail, or by what is stored about them. */
  isConfiguredAdmin(actor: Pick<Actor, "userId" | "email">, person?: Pick<PersonRow, "email" | "slackUserId" | "teamsUserId"> | null): boolean {
    // ADMINS is lower-cased when the configuration is read; Slack ids are upper case.
    const keys = [actor.userId, actor.email, person?.email, person?.slackUserId, person?.teamsUserId]
      .filter((k): k is string => Boolean(k))
      .flatMap((k) => [k.toLowerCase(), `slack:${k.toLowerCase()}`, `teams:${k.toLowerCase()}`]);
    return keys.some((k) => this.admins.includes(k));
  }

  /** The Person behind a chat user: found by platform id, else linked by e-mail, else created. */
  async resolve(actor: Actor): Promise<PersonRow & { isAdmin: boolean }> {
    const idField = actor.platform === "slack" ? "slackUserId" : actor.platform === "teams" ? "teamsUserId" : null;
    const email = actor.email?.trim().toLowerCase() || null;
    let person = idField ? await this.store.byPlatformUser(idField, actor.userId) : null;
    if (!person && email) {
      person = await this.store.byEmail(email);
      if (person && idField && !person[idField]) person = await this.store.linkPlatformUser(person.id, idField, actor.userId);
    }
    if (!person && idField) person = await this.store.createForPlatformUser(idField, actor.userId, email, actor.name ?? null);
    if (!person && !idField && email) {
      // The console user of local mode acts on cases too: it becomes a person (by e-mail), so a
      // case it claims has an owner.
      person = await this.store.ensureByEmail(email, actor.name ?? null);
    }
    if (!person) {
      return { id: -1, email, name: actor.name ?? "console", slackUserId: null, teamsUserId: null, isAdmin: true };
    }
    if (actor.name && !person.name) person = await this.store.setName(person.id, actor.name);
    // The console exists only in local mode, where its user is the admin.
    return { ...person, isAdmin: person.isAdmin || this.isConfiguredAdmin(actor, person) || actor.platform === "console" };
  }

  async byId(id: number): Promise<PersonRow | null> {
    return this.store.byId(id);
  }

  /** Where a person can get a direct message: their Slack user id, their Teams personal chat. */
  async directTargets(personId: number): Promise<DirectTarget[]> {
    return (await this.withDirectTargets([personId])).get(personId)?.targets ?? [];
  }

  /** directTargets of several people in two queries (not two per person): each known person with where to reach them. */
  async withDirectTargets(personIds: number[]): Promise<Map<number, { person: PersonRow; targets: DirectTarget[] }>> {
    const people = await this.store.byIds([...new Set(personIds)]);
    const chats = await this.store.personalTeamsChats(people.flatMap((p) => (p.teamsUserId ? [p.teamsUserId] : [])));
    const out = new Map<number, { person: PersonRow; targets: DirectTarget[] }>();
    for (const person of people) {
      const targets: DirectTarget[] = [];
      if (person.slackUserId) targets.push({ platform: "slack", target: person.slackUserId });
      const chat = person.teamsUserId ? chats.get(person.teamsUserId) : undefined;
      if (chat) targets.push({ platform: "teams", target: chat });
      out.set(person.id, { person, targets });
    }
    return out;
  }

  displayName(p: Pick<PersonRow, "name" | "email"> | null): string | null {
    return displayName(p);
  }
}

/** How a person is named in messages: their name, else their e-mail. */
export function displayName(p: Pick<PersonRow, "name" | "email"> | null): string | null {
  return p ? (p.name ?? p.email ?? null) : null;
}
