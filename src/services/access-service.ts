// The permission policy (core/permissions.ts) as the services use it: who the chat user is, what
// they are to the team or case (from the store), the decision — and the audit trail of it. Every
// service action that changes who sees or owns what asks `check` first; faces never decide.
import type { CaseState } from "../core/cases.ts";
import { decide, type PolicyAction, type PolicyObject, type PolicySettings, type Role, type RoleFacts } from "../core/permissions.ts";
import { buildRefusal } from "../messages/refusal.ts";
import type { Message } from "../messages/model.ts";
import type { Lang } from "../core/language.ts";
import type { AuditActor, AuditEntry, AuditStore } from "../store/audit.ts";
import type { PeopleStore } from "../store/people.ts";
import type { Actor, PeopleService, PersonRow } from "./people.ts";

export interface AccessRequest {
  action: PolicyAction;
  object: PolicyObject;
  /** the team the object belongs to, named in the refusal */
  team: { id: number; name: string } | null;
  /** what the audit trail records the action on */
  audit: Pick<AuditEntry, "objectType" | "objectId">;
}

export type Access =
  | { ok: true; person: PersonRow; as: Role; by: AuditActor }
  | { ok: false; person: PersonRow; by: AuditActor; refusal: Message };

/** What the policy and the audit trail need to know about an action on a case. */
export function caseRequest(action: PolicyAction, c: { id: number; teamId: number | null; ownerId: number | null; state: string; team: { id: number; name: string } | null }): AccessRequest {
  return {
    action,
    object: { kind: "case", teamId: c.teamId, ownerId: c.ownerId, state: c.state as CaseState },
    team: c.team ? { id: c.team.id, name: c.team.name } : null,
    audit: { objectType: "case", objectId: c.id },
  };
}

/** Actions that are only read (NPS figures) are not recorded: they change nothing and show no customer. */
const UNRECORDED: ReadonlySet<PolicyAction> = new Set(["nps.view", "report.view"]);

export class AccessService {
  constructor(
    private readonly people: PeopleService,
    private readonly store: PeopleStore,
    private readonly audit: AuditStore,
    readonly settings: PolicySettings,
  ) {}

  /** Admin flag, teams led and teams belonged to — the console user (id -1) is an admin. */
  async facts(person: PersonRow): Promise<RoleFacts> {
    if (person.id < 0) return { personId: null, isAdmin: person.isAdmin, leads: [], memberOf: [] };
    return { personId: person.id, isAdmin: person.isAdmin, ...(await this.store.teamsOf(person.id)) };
  }

  /** Who acted, as the audit trail names them: their name and platform user id. */
  auditActor(actor: Actor, person: Pick<PersonRow, "name" | "email"> | null): AuditActor {
    return { platform: actor.platform, userId: actor.platform === "console" ? null : actor.userId, name: person?.name ?? actor.name ?? person?.email ?? null };
  }

  /** Decides; a refusal is recorded in the audit trail at once (that is how probing shows). */
  async check(actor: Actor, request: AccessRequest, lang: Lang, now: Date): Promise<Access> {
    const person = await this.people.resolve(actor);
    const decision = decide(await this.facts(person), request.action, request.object, this.settings);
    const by = this.auditActor(actor, person);
    if (decision.allowed) return { ok: true, person, as: decision.as, by };
    if (!UNRECORDED.has(request.action)) {
      await this.audit.record({ actor: by, action: request.action, ...request.audit, teamId: request.team?.id ?? null, allowed: false, detail: { mayDo: decision.mayDo } }, now);
    }
    return { ok: false, person, by, refusal: buildRefusal(request.action, decision.mayDo, request.team?.name ?? null, lang) };
  }

  /** The policy's answer for a person already resolved, without recording it: for what a view may show. */
  async allows(person: PersonRow, request: AccessRequest): Promise<boolean> {
    return decide(await this.facts(person), request.action, request.object, this.settings).allowed;
  }

  /** Records an allowed action once it is done, with what it changed. */
  async done(access: Extract<Access, { ok: true }>, request: AccessRequest, detail: Record<string, unknown>, now: Date): Promise<void> {
    await this.audit.record({ actor: access.by, action: request.action, ...request.audit, teamId: request.team?.id ?? null, allowed: true, detail: { as: access.as, ...detail } }, now);
  }
}
