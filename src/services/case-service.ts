// "Operation Kunderedning": detractor answers open cases, routed to an owner (or a channel),
// claimed, resolved and reminded about. The rules live in core/cases.ts; this wires them to
// the database and the outbox.
import { caseStats, dueReminders, isDetractorAlert, routeCase, transition, type CaseState, type CaseStats } from "../core/cases.ts";
import { slugify } from "../core/slug.ts";
import { buildCaseList } from "../messages/cases.ts";
import { buildAlert, buildOutcomeNote, type CaseView } from "../messages/alert.ts";
import type { Message } from "../messages/model.ts";
import type { Lang } from "../core/language.ts";
import { buildNotice } from "../messages/notice.ts";
import { buildReminder } from "../messages/reminder.ts";
import type { HabitObserver } from "./events.ts";
import type { ChannelRef } from "../config.ts";
import { openedCase, type CaseStore, type LoadedCase, type PersonFields } from "../store/cases.ts";
import type { OwnershipStore } from "../store/owners.ts";
import type { TeamStore } from "../store/teams.ts";
import type { OutboxStore } from "../store/outbox.ts";
import type { StoredChange } from "../store/answers.ts";
import type { BindingService } from "./binding-service.ts";
import type { Actor, DirectTarget, PeopleService, PersonRow } from "./people.ts";
import { caseRequest, type AccessRequest, type AccessService } from "./access-service.ts";
import { caseViewOf } from "./case-view.ts";

export interface CaseSettings {
  lang: Lang;
  timeZone: string;
  maxScore: number;
  maxCes: number | null;
  maxAgeDays: number;
  remindAfterHours: number;
  escalateAfterHours: number;
  fallbackChannels: ChannelRef[];
  /** local mode: every alert goes to the console */
  consoleOnly: boolean;
  observe?: HabitObserver;
}

/** Where the clicked alert is: a private chat with the clicker (the owner's DM) or a shared channel. */
export type AlertPlace = "private" | "shared";

export type CaseActionResult =
  | { ok: true; view: CaseView; alert: Message; note: Message | null }
  | { ok: false; explanation: Message };

/** The two refusals every case action can meet, in Danish and English. */
const GONE = ["Sagen findes ikke længere.", "That case no longer exists."] as const;
const RESOLVED = ["Sagen er allerede løst.", "The case is already resolved."] as const;


/** What a case shows of a person (the owner, the team lead). */
const personFields = (p: PersonRow): PersonFields => ({ id: p.id, name: p.name, email: p.email, slackUserId: p.slackUserId, teamsUserId: p.teamsUserId });

export class CaseService {
  constructor(
    private readonly store: { cases: CaseStore; teams: TeamStore; owners: OwnershipStore },
    private readonly outbox: OutboxStore,
    private readonly bindings: BindingService,
    private readonly people: PeopleService,
    private readonly access: AccessService,
    readonly settings: CaseSettings,
    private readonly onEnqueued: () => void = () => {},
  ) {}

  /** Called after answers are stored: open cases for new detractors, close lifted ones. */
  async onAnswerChanges(changes: StoredChange[], now: Date): Promise<void> {
    const rules = { maxScore: this.settings.maxScore, maxCes: this.settings.maxCes };
    const oldest = now.getTime() - this.settings.maxAgeDays * 86_400_000;
    for (const change of changes) {
      // Old answers (an imported history) open nothing: decided here, without a query per answer.
      if (change.answeredAt.getTime() < oldest) continue;
      const detractor = isDetractorAlert({ score: change.score, ces: change.ces }, rules);
      if (detractor) await this.openFor(change.answerId, now);
      else if (change.kind === "updated") await this.closeLifted(change.answerId, now);
    }
  }

  /** Opens the case for an answer (at most one per answer, ever) and alerts its owner. */
  async openFor(answerId: number, now: Date): Promise<number | null> {
    const answer = await this.store.cases.answerToOpen(answerId);
    if (!answer) return null;
    if (now.getTime() - answer.answeredAt.getTime() > this.settings.maxAgeDays * 86_400_000) return null;
    const created = await this.store.cases.open(answerId, answer.teamId, now);
    if (created !== null) {
      this.settings.observe?.({ type: "case_opened" });
      // The new row is known without reading it back: the answer just read and the defaults.
      await this.route((lead) => openedCase(created, answerId, answer, now, lead), now);
      return created;
    }
    // The case exists. If a follow-up died between opening and routing it, route it now (outbox
    // keys keep every alert single); a routed case is left alone.
    const existing = await this.store.cases.byAnswer(answerId);
    if (existing && existing.routedBy === null) {
      const loaded = await this.mustLoad(existing.id);
      await this.route(() => loaded, now);
    }
    return null;
  }

  /**
   * Routes a case read once (`caseOf`, given the team lead routing looked up) and queues its alert:
   * the people who could own it are looked up together, the alert channels only when none of them
   * can be reached (a person comes first: core routeCase), and the alert is built from the case in
   * hand with the owner just chosen — nothing is read again.
   */
  private async route(caseOf: (lead: PersonFields | null) => LoadedCase, now: Date): Promise<void> {
    let c = caseOf(null);
    const accountOwnerId = c.answer.customerAccount ? await this.store.owners.accountOwnerId(c.answer.customerAccount) : null;
    const candidates = [accountOwnerId, c.answer.touchpoint?.ownerId ?? null, c.team?.leadId ?? null];
    const known = await this.people.withDirectTargets(candidates.filter((id): id is number => id !== null));
    const leadRow = c.team?.leadId != null ? known.get(c.team.leadId)?.person : undefined;
    c = caseOf(leadRow ? personFields(leadRow) : null);
    const reachable = (personId: number | null) =>
      personId !== null && (this.settings.consoleOnly || (known.get(personId)?.targets.length ?? 0) > 0) ? personId : null;
    const [accountOwner, touchpointOwner, teamLead] = candidates.map(reachable);
    const anyone = accountOwner !== null || touchpointOwner !== null || teamLead !== null;
    const route = routeCase({
      accountOwnerId: accountOwner ?? null,
      touchpointOwnerId: touchpointOwner ?? null,
      teamLeadId: teamLead ?? null,
      teamAlertChannels: !anyone && c.teamId ? await this.bindings.placesFor(c.teamId, "alerts") : [],
      fallbackChannels: this.settings.fallbackChannels,
    });
    if (route.kind === "person") {
      await this.store.cases.setRoute(c.id, route.routedBy, route.personId);
      const owner = known.get(route.personId);
      const routed = { ...c, ownerId: route.personId, routedBy: route.routedBy, owner: owner ? personFields(owner.person) : null };
      await this.sendToPerson(c.id, route.personId, "alert", now, { loaded: routed, person: owner?.person ?? null, targets: owner?.targets ?? [] });
    } else if (route.kind === "channels") {
      await this.store.cases.setRoute(c.id, route.routedBy);
      const alert = buildAlert(caseViewOf({ ...c, routedBy: route.routedBy }, "channel", this.settings.lang), this.settings.lang, now);
      await this.enqueueAll(route.channels.map((ch) => ({ key: `alert:${c.id}:${ch.platform}:${ch.channelId}`, platform: ch.platform, target: ch.channelId, message: alert })), now);
    } else if (this.settings.consoleOnly) {
      const view = caseViewOf(c, "owner", this.settings.lang);
      await this.enqueue(`alert:${c.id}:console`, "console", "alerts", buildAlert(view, this.settings.lang, now), now);
    }
  }

  /** A private copy for the owner: the only place contact details are shown. `known`: the case,
   * the person and their targets as the caller just read them (routing), so none is read again. */
  private async sendToPerson(
    caseId: number, personId: number, kind: "alert" | "reminder" | "escalation", now: Date,
    known?: { loaded: LoadedCase; person: PersonRow | null; targets: DirectTarget[] },
  ): Promise<void> {
    const view = known ? caseViewOf(known.loaded, "owner", this.settings.lang) : await this.view(caseId, "owner");
    const message = kind === "alert" ? buildAlert(view, this.settings.lang, now) : buildReminder(view, kind, this.settings.lang, now);
    if (this.settings.consoleOnly) {
      // The console prints the target: say who would get it, by name.
      const person = known ? known.person : await this.people.byId(personId);
      const name = this.people.displayName(person) ?? `#${personId}`;
      const target = this.settings.lang === "da" ? `privat til ${name}` : `private to ${name}`;
      await this.enqueue(`${kind}:${caseId}:console:${personId}`, "console", target, message, now);
      return;
    }
    const targets = known ? known.targets : await this.people.directTargets(personId);
    await this.enqueueAll(targets.map((t) => ({ key: `${kind}:${caseId}:${t.platform}:${t.target}`, platform: t.platform, target: t.target, message })), now);
  }

  private async enqueue(key: string, platform: "slack" | "teams" | "console", target: string, message: Message, now: Date): Promise<void> {
    if (await this.outbox.enqueue({ key, platform, target, kind: message.kind, message }, now)) this.onEnqueued();
  }

  /** Several messages in one statement (the outbox falls back to one each when some are queued already). */
  private async enqueueAll(entries: { key: string; platform: "slack" | "teams" | "console"; target: string; message: Message }[], now: Date): Promise<void> {
    if ((await this.outbox.enqueueMany(entries.map((e) => ({ ...e, kind: e.message.kind })), now)) > 0) this.onEnqueued();
  }

  async view(caseId: number, audience: "channel" | "owner"): Promise<CaseView> {
    return caseViewOf(await this.mustLoad(caseId), audience, this.settings.lang);
  }

  private async load(caseId: number): Promise<LoadedCase | null> {
    return this.store.cases.load(caseId);
  }

  /** A case this service has just read or written: gone now would be a bug, not a user's mistake. */
  private async mustLoad(caseId: number): Promise<LoadedCase> {
    const c = await this.store.cases.load(caseId);
    if (!c) throw new Error(`case #${caseId} does not exist`);
    return c;
  }

  private refuse(lang: Lang, da: string, en: string): CaseActionResult {
    return { ok: false, explanation: buildNotice(lang, lang === "da" ? da : en) };
  }

  /**
   * The alert as it should look where it was clicked: in the clicker's private chat it keeps the
   * contact line when they may see it (the owner needs the number just after "Jeg tager den").
   */
  private async shownAlert(caseId: number, person: PersonRow, place: AlertPlace, now: Date, lang: Lang): Promise<{ view: CaseView; alert: Message }> {
    const c = await this.mustLoad(caseId);
    const view = caseViewOf(c, "channel", this.settings.lang);
    if (place !== "private") return { view, alert: buildAlert(view, lang, now) };
    const mayContact = await this.access.allows(person, caseRequest("case.contact", c));
    return { view, alert: buildAlert(mayContact ? caseViewOf(c, "owner", this.settings.lang) : view, lang, now) };
  }

  async claim(caseId: number, actor: Actor, now: Date, lang = this.settings.lang, place: AlertPlace = "shared"): Promise<CaseActionResult> {
    const c = await this.load(caseId);
    if (!c) return this.refuse(lang, ...GONE);
    if (c.state === "resolved") return this.refuse(lang, ...RESOLVED);
    const request = caseRequest("case.claim", c);
    const access = await this.access.check(actor, request, lang, now);
    if (!access.ok) return { ok: false, explanation: access.refusal };
    const person = access.person;
    const step = transition({ state: c.state as CaseState, ownerId: c.ownerId }, { type: "claim", actorId: person.id });
    if (!step.ok && step.reason === "alreadyResolved") return this.refuse(lang, ...RESOLVED);
    // the console user is no Person, so cannot own a case
    if (!step.ok || person.id < 0) return this.refuse(lang, `${c.claimedBy ?? "En anden"} har allerede taget sagen.`, `${c.claimedBy ?? "Someone else"} has already taken the case.`);
    const name = person.name ?? person.email ?? actor.userId;
    // Compare-and-set on the state: two people clicking at once cannot both take it.
    const won = await this.store.cases.claim(caseId, person.id, { state: step.next, claimedAt: c.claimedAt ?? now, claimedBy: name, ownerId: step.ownerId });
    if (!won) {
      const fresh = await this.view(caseId, "channel");
      return this.refuse(lang, `${fresh.claimedBy ?? "En anden"} har allerede taget sagen.`, `${fresh.claimedBy ?? "Someone else"} has already taken the case.`);
    }
    if (!c.claimedAt) this.settings.observe?.({ type: "case_claimed", secondsToClaim: (now.getTime() - c.openedAt.getTime()) / 1000 });
    await this.access.done(access, request, { previousOwnerId: c.ownerId }, now);
    return { ok: true, ...(await this.shownAlert(caseId, person, place, now, lang)), note: null };
  }

  async resolve(caseId: number, actor: Actor, input: { actionTaken: string; outcome: "recovered" | "not_recovered" | "no_contact" }, now: Date, lang = this.settings.lang, place: AlertPlace = "shared"): Promise<CaseActionResult> {
    const c = await this.load(caseId);
    if (!c) return this.refuse(lang, ...GONE);
    const request = caseRequest("case.resolve", c);
    const access = await this.access.check(actor, request, lang, now);
    if (!access.ok) return { ok: false, explanation: access.refusal };
    const person = access.person;
    const step = transition({ state: c.state as CaseState, ownerId: c.ownerId }, { type: "resolve", outcome: input.outcome });
    if (!step.ok) return this.refuse(lang, ...RESOLVED);
    const won = await this.store.cases.resolve(caseId, { state: step.next, resolvedAt: now, resolvedBy: person.name ?? person.email ?? actor.userId, actionTaken: input.actionTaken.trim(), outcome: input.outcome });
    if (!won) return this.refuse(lang, ...RESOLVED);
    this.settings.observe?.({ type: "case_resolved" });
    await this.access.done(access, request, { outcome: input.outcome }, now);
    const shown = await this.shownAlert(caseId, person, place, now, lang);
    return { ok: true, ...shown, note: buildOutcomeNote(shown.view, lang) };
  }

  async handOver(caseId: number, actor: Actor, to: Actor, now: Date, lang = this.settings.lang, place: AlertPlace = "shared"): Promise<CaseActionResult> {
    const c = await this.load(caseId);
    if (!c) return this.refuse(lang, ...GONE);
    const request = caseRequest("case.handOver", c);
    const access = await this.access.check(actor, request, lang, now);
    if (!access.ok) return { ok: false, explanation: access.refusal };
    const person = access.person;
    const next = await this.people.resolve(to);
    const step = transition({ state: c.state as CaseState, ownerId: c.ownerId }, { type: "handOver", toPersonId: next.id });
    if (!step.ok)
      return step.reason === "sameOwner"
        ? this.refuse(lang, "Personen har allerede sagen.", "That person already has the case.")
        : this.refuse(lang, ...RESOLVED);
    await this.store.cases.handOver(caseId, next.id > 0 ? next.id : null, c.state === "open" ? now : c.openedAt);
    await this.access.done(access, request, { previousOwnerId: c.ownerId, toPersonId: next.id > 0 ? next.id : null, toName: next.name ?? next.email ?? to.userId }, now);
    if (next.id > 0) await this.sendToPerson(caseId, next.id, "alert", now);
    return { ok: true, ...(await this.shownAlert(caseId, person, place, now, lang)), note: null };
  }

  /** "Show contact": only owner, team lead and admins get the customer's contact details. */
  async contactFor(caseId: number, actor: Actor, now: Date, lang = this.settings.lang): Promise<Message> {
    const c = await this.load(caseId);
    if (!c) return buildNotice(lang, lang === "da" ? "Sagen findes ikke længere." : "That case no longer exists.");
    const request = caseRequest("case.contact", c);
    const access = await this.access.check(actor, request, lang, now);
    if (!access.ok) return access.refusal;
    await this.access.done(access, request, {}, now);
    return buildAlert(await this.view(caseId, "owner"), lang, now);
  }

  private async closeLifted(answerId: number, now: Date): Promise<void> {
    const c = await this.store.cases.byAnswer(answerId);
    if (!c || !transition({ state: c.state as CaseState, ownerId: c.ownerId }, { type: "scoreLifted" }).ok) return;
    if (await this.store.cases.closeAsLifted(c.id, now)) this.settings.observe?.({ type: "case_resolved" });
  }

  /** Cases of a team (or all), newest first, and the team's numbers. Unknown team → null. `countsOnly`: no cases. */
  async list(filter: { team?: string | null; openOnly?: boolean; countsOnly?: boolean }): Promise<{ scope: string | null; teamId: number | null; cases: CaseView[]; stats: CaseStats } | null> {
    const team = filter.team ? await this.store.teams.bySlug(slugify(filter.team)) : null;
    if (filter.team && !team) return null;
    const all = await this.store.cases.summaries(team?.id ?? null);
    const stats = caseStats(all.map((c) => ({ ...c, state: c.state as CaseState })));
    const shown = filter.countsOnly ? [] : all.filter((c) => !filter.openOnly || c.state !== "resolved").slice(0, 200);
    const cases = await Promise.all(shown.map((c) => this.view(c.id, "channel")));
    return { scope: team?.name ?? null, teamId: team?.id ?? null, cases, stats };
  }

  /**
   * "/nps cases [team]": the cases with customer names for the team's lead and admins; everyone
   * else gets the counts only, and who may see more.
   */
  async listMessage(filter: { team?: string | null; openOnly?: boolean }, actor: Actor, lang: Lang, now: Date): Promise<Message> {
    const counts = await this.list({ ...filter, countsOnly: true });
    if (!counts) return buildNotice(lang, lang === "da" ? `Teamet "${filter.team}" findes ikke.` : `There is no team "${filter.team}".`);
    const team = counts.teamId !== null ? { id: counts.teamId, name: counts.scope! } : null;
    const request: AccessRequest = { action: "cases.list", object: team ? { kind: "team", teamId: team.id } : { kind: "company" }, team, audit: { objectType: team ? "team" : "answers", objectId: team?.id ?? null } };
    const access = await this.access.check(actor, request, lang, now);
    if (!access.ok) {
      const message = buildCaseList(counts.scope, [], counts.stats, lang, now);
      return { ...message, blocks: [...message.blocks.filter((b) => b.type !== "text"), { type: "context", text: access.refusal.summary }] };
    }
    const listed = await this.list(filter);
    await this.access.done(access, request, { shown: listed!.cases.length }, now);
    return buildCaseList(listed!.scope, listed!.cases, listed!.stats, lang, now);
  }

  /** The open cases a person owns (App Home / the Teams home card). */
  async openCasesOwnedBy(personId: number): Promise<CaseView[]> {
    const ids = await this.store.cases.openIdsOwnedBy(personId);
    return Promise.all(ids.map((id) => this.view(id, "owner")));
  }

  /** Reminders to the owner and escalations to the lead and alert channel — each once. */
  async runReminders(now: Date): Promise<{ reminded: number; escalated: number }> {
    const open = await this.store.cases.unclaimed();
    let reminded = 0;
    let escalated = 0;
    const rules = { remindAfterHours: this.settings.remindAfterHours, escalateAfterHours: this.settings.escalateAfterHours, timeZone: this.settings.timeZone };
    for (const c of open) {
      const due = dueReminders({ state: c.state as CaseState, openedAt: c.openedAt, remindedAt: c.remindedAt, escalatedAt: c.escalatedAt }, now, rules);
      if (due.remind && (await this.store.cases.markReminded(c.id, now))) {
        if (c.ownerId) await this.sendToPerson(c.id, c.ownerId, "reminder", now);
        reminded++;
      }
      if (due.escalate && (await this.store.cases.markEscalated(c.id, now))) {
        const lead = c.team?.leadId;
        if (lead && lead !== c.ownerId) await this.sendToPerson(c.id, lead, "escalation", now);
        const view = await this.view(c.id, "channel");
        const channels = c.teamId ? await this.bindings.channelsFor(c.teamId, "alerts") : [];
        for (const ch of channels) await this.enqueue(`escalation:${c.id}:${ch.platform}:${ch.channelId}`, ch.platform, ch.channelId, buildReminder(view, "escalation", this.settings.lang, now), now);
        if (this.settings.consoleOnly) await this.enqueue(`escalation:${c.id}:console`, "console", "alerts", buildReminder(view, "escalation", this.settings.lang, now), now);
        escalated++;
      }
    }
    return { reminded, escalated };
  }
}
