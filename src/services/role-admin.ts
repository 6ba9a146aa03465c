// Who has which role, set by an operator (CLI) or synced from Slack/Teams: admins, team members,
// a team's Slack user group or Teams team. Every change is recorded in the audit trail.
// A person named by e-mail is linked to their Slack user (users.lookupByEmail) when Slack is
// configured, so they get alerts before they have ever written to the bot.
import { personRefText, type PersonRef } from "../core/person-ref.ts";
import type { Lang, Texts } from "../core/language.ts";
import { slugify } from "../core/slug.ts";
import type { AuditActor, AuditStore } from "../store/audit.ts";
import type { Directory, TeamRow } from "../store/directory.ts";
import type { MembershipStore, MemberSource } from "../store/memberships.ts";
import type { PeopleStore, StoredPerson } from "../store/people.ts";
import type { JobRunStore } from "../store/job-runs.ts";
import { zonedParts } from "../core/timezone.ts";

/** A refused change, said in both languages (the CLI shows the one it speaks). */
export class RoleError extends Error {
  constructor(readonly texts: Texts) {
    super(texts.en);
  }
}

/** What Slack can tell about people (the Slack face builds it; null without Slack). */
export interface SlackDirectory {
  /** the Slack user id with this e-mail, or null when there is none */
  userIdByEmail(email: string): Promise<string | null>;
  /** the user ids in a user group (usergroups.users.list) */
  usergroupMembers(usergroupId: string): Promise<string[]>;
}

/** A roster entry of a Teams team. */
export interface RosterMember {
  aadObjectId: string;
  name?: string | null;
  email?: string | null;
}

export const label = (p: Pick<StoredPerson, "name" | "email" | "slackUserId" | "teamsUserId">) => p.name ?? p.email ?? p.slackUserId ?? (p.teamsUserId ? `teams:${p.teamsUserId}` : "?");

/** Where a membership comes from, as the CLI says it: "manual" is "manuel" in Danish. */
const sourceText = (source: string, lang: Lang) => (lang === "da" && source === "manual" ? "manuel" : source);
const sourcesText = (sources: readonly string[], lang: Lang) => sources.map((s) => sourceText(s, lang)).join(", ");

export class RoleAdmin {
  constructor(
    private readonly people: PeopleStore,
    private readonly memberships: MembershipStore,
    private readonly directory: Directory,
    private readonly audit: AuditStore,
    /** syncs run once per local day (a job run per day), on whichever replica comes first */
    private readonly daily: { jobRuns: JobRunStore; timeZone: string },
    private readonly slack: SlackDirectory | null = null,
  ) {}

  /** Runs `work` unless it already ran today (local date) under `name`; true when it ran. */
  private async oncePerDay(name: string, now: Date, work: () => Promise<string>): Promise<boolean> {
    const d = zonedParts(now, this.daily.timeZone);
    const key = `${name}:${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
    if (await this.daily.jobRuns.isFinished(key)) return false;
    await this.daily.jobRuns.finish(key, now, await work());
    return true;
  }

  /** The Slack user group sync, once a day (the habits scheduler asks every minute). */
  async syncSlackGroupsDaily(now: Date): Promise<void> {
    if (!this.slack) return;
    await this.oncePerDay("members:slack", now, async () => (await this.syncSlackGroups(now)).join("; ") || "no user groups");
  }

  /**
   * A Teams team's roster, once a day, when someone writes in one of its channels (the roster
   * can only be read during a turn). `roster` is called only when a sync is due.
   */
  async syncTeamsRosterDaily(teamsTeamId: string, roster: () => Promise<RosterMember[]>, now: Date): Promise<boolean> {
    if ((await this.directory.teamsWithTeamsTeam(teamsTeamId)).length === 0) return false;
    return this.oncePerDay(`members:teams:${teamsTeamId}`, now, async () => `${await this.syncTeamsRoster(teamsTeamId, await roster(), now)} team(s)`);
  }

  /** The person a reference names, created on first mention; an e-mail is linked to Slack when it can be. */
  async person(ref: PersonRef): Promise<StoredPerson> {
    const person = await this.people.findOrCreate(ref);
    if (!this.slack || person.slackUserId || !person.email) return person;
    const slackUserId = await this.slack.userIdByEmail(person.email);
    if (!slackUserId) return person;
    // someone who already wrote to the bot from Slack has a row of their own: keep it, not a twin
    if (await this.people.find({ slackUserId })) return person;
    return this.people.linkSlackUser(person.id, slackUserId);
  }

  private async team(slug: string): Promise<TeamRow> {
    const team = await this.directory.findTeam(slugify(slug));
    if (!team) throw new RoleError({ da: `ukendt hold "${slug}"`, en: `unknown team "${slug}"` });
    return team;
  }

  async addMember(slug: string, ref: PersonRef, by: AuditActor, now = new Date(), lang: Lang = "en"): Promise<string> {
    const team = await this.team(slug);
    const person = await this.person(ref);
    const added = await this.memberships.add(team.id, person.id, "manual");
    await this.audit.record({ actor: by, action: "team.member.add", objectType: "person", objectId: person.id, teamId: team.id, allowed: true, detail: { person: personRefText(ref), changed: added } }, now);
    if (lang === "da") return added ? `${label(person)} er nu medlem af ${team.name}` : `${label(person)} var allerede medlem af ${team.name}`;
    return added ? `${label(person)} is now a member of ${team.name}` : `${label(person)} was already a member of ${team.name}`;
  }

  async removeMember(slug: string, ref: PersonRef, by: AuditActor, now = new Date(), lang: Lang = "en"): Promise<string> {
    const team = await this.team(slug);
    const person = await this.people.find(ref);
    const removed = person ? await this.memberships.remove(team.id, person.id, "manual") : false;
    await this.audit.record({ actor: by, action: "team.member.remove", objectType: "person", objectId: person?.id ?? null, teamId: team.id, allowed: true, detail: { person: personRefText(ref), changed: removed } }, now);
    const da = lang === "da";
    if (!person || !removed) {
      const who = person ? label(person) : personRefText(ref);
      return da ? `${who} var ikke medlem af ${team.name} (tilføjet i hånden)` : `${who} was not a member of ${team.name} (added by hand)`;
    }
    const still = (await this.memberships.list(team.id)).find((m) => m.personId === person.id);
    if (da) return `${label(person)} er ikke længere medlem af ${team.name}${still ? ` i hånden (stadig synkroniseret fra ${sourcesText(still.sources, lang)})` : ""}`;
    return `${label(person)} is no longer a member of ${team.name}${still ? ` by hand (still synced from ${sourcesText(still.sources, lang)})` : ""}`;
  }

  async members(slug: string, lang: Lang = "en"): Promise<string[]> {
    const team = await this.team(slug);
    return (await this.memberships.list(team.id)).map((m) => `${label(m)}${m.email && m.name ? ` <${m.email}>` : ""} (${sourcesText(m.sources, lang)})`);
  }

  async setAdmin(ref: PersonRef, isAdmin: boolean, by: AuditActor, now = new Date(), lang: Lang = "en"): Promise<string> {
    const person = isAdmin ? await this.person(ref) : await this.people.find(ref);
    const changed = person ? await this.people.setAdmin(person.id, isAdmin) : false;
    await this.audit.record({ actor: by, action: isAdmin ? "role.admin.add" : "role.admin.remove", objectType: "person", objectId: person?.id ?? null, allowed: true, detail: { person: personRefText(ref), changed } }, now);
    const who = person ? label(person) : personRefText(ref);
    if (lang === "da") {
      if (isAdmin) return changed ? `${who} er nu administrator` : `${who} var allerede administrator`;
      return changed ? `${who} er ikke længere administrator` : `${who} var ikke administrator (administratorer i ADMINS forbliver administratorer)`;
    }
    if (isAdmin) return changed ? `${who} is now an admin` : `${who} was already an admin`;
    return changed ? `${who} is no longer an admin` : `${who} was not an admin (admins named in ADMINS stay admins)`;
  }

  async admins(): Promise<string[]> {
    return (await this.people.admins()).map((p) => `${label(p)}${p.email && p.name ? ` <${p.email}>` : ""}`);
  }

  /** Records that a team's lead was set (the directory sets it). */
  async leadSet(teamId: number, personId: number, by: AuditActor, now = new Date()): Promise<void> {
    await this.audit.record({ actor: by, action: "role.lead.set", objectType: "person", objectId: personId, teamId, allowed: true, detail: null }, now);
  }

  /** The synced members of `source` become exactly these people (manual members stay). */
  private async replace(team: TeamRow, source: Exclude<MemberSource, "manual">, people: StoredPerson[], now: Date): Promise<{ added: number; removed: number }> {
    const result = await this.memberships.replaceSynced(team.id, source, people.map((p) => p.id));
    await this.audit.record({ actor: { platform: "system", userId: null, name: "Kundepuls" }, action: "team.member.sync", objectType: "team", objectId: team.id, teamId: team.id, allowed: true, detail: { source, members: people.length, ...result } }, now);
    return result;
  }

  /** Every team with a Slack user group: its members become the group's (start, daily, on demand). */
  async syncSlackGroups(now = new Date(), only?: string, lang: Lang = "en"): Promise<string[]> {
    if (!this.slack) return [];
    const lines: string[] = [];
    for (const team of await this.directory.teamsWithSlackUsergroup()) {
      if (only && team.slug !== slugify(only)) continue;
      const ids = await this.slack.usergroupMembers(team.slackUsergroupId);
      const people = await Promise.all(ids.map((slackUserId) => this.people.findOrCreate({ slackUserId })));
      const r = await this.replace(team, "slack", people, now);
      lines.push(lang === "da"
        ? `${team.slug}: ${people.length} medlemmer fra Slack-brugergruppen ${team.slackUsergroupId} (+${r.added} −${r.removed})`
        : `${team.slug}: ${people.length} members from Slack user group ${team.slackUsergroupId} (+${r.added} −${r.removed})`);
    }
    return lines;
  }

  /** A Teams team's roster (read by the Teams face in a turn) becomes the members of the teams bound to it. */
  async syncTeamsRoster(teamsTeamId: string, roster: RosterMember[], now = new Date()): Promise<number> {
    const teams = await this.directory.teamsWithTeamsTeam(teamsTeamId);
    if (teams.length === 0) return 0;
    const people = await Promise.all(roster.map((m) => this.people.findOrCreate({ teamsUserId: m.aadObjectId.toLowerCase() }, m.name ?? null)));
    for (const team of teams) await this.replace(team, "teams", people, now);
    return teams.length;
  }
}
