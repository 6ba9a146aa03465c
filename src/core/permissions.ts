/**
 * Who may do what: the one policy. Every service action asks `decide` with the facts about the
 * person (admin? which teams they lead or belong to?) and the object (a team, a case, the whole
 * company); faces never decide. A refusal names who may do it, so the asker is told.
 */
import type { CaseState } from "./cases.ts";

export type NpsVisibility = "everyone" | "members";

export const ACTIONS = [
  "goal.set",
  "channel.connect",
  "channel.disconnect",
  /** the cases with customer names (counts are for everyone) */
  "cases.list",
  "case.claim",
  "case.handOver",
  "case.resolve",
  "case.contact",
  /** a team's NPS figures and stories */
  "nps.view",
  /** the report for management: every team's figures and the kudos, side by side */
  "report.view",
] as const;

export type PolicyAction = (typeof ACTIONS)[number];

/** What is known about the person asking. personId null: a chat user not (yet) mapped to a Person. */
export interface RoleFacts {
  personId: number | null;
  isAdmin: boolean;
  /** teams whose lead the person is */
  leads: readonly number[];
  /** teams the person is a member of (manual or synced) */
  memberOf: readonly number[];
}

export type PolicyObject =
  | { kind: "team"; teamId: number }
  /** everything at once: all teams' cases, the company figure */
  | { kind: "company" }
  | { kind: "case"; teamId: number | null; ownerId: number | null; state: CaseState };

/** Who may do a refused action — what the refusal message says. */
export type MayDo =
  /** the team's lead or an admin */
  | "leadOrAdmin"
  /** the case's owner, the team's lead or an admin */
  | "ownerLeadOrAdmin"
  /** the team's members, its lead or an admin */
  | "memberLeadOrAdmin"
  | "adminOnly"
  /** the team's members (NPS_VISIBILITY=members) */
  | "members";

/** as: the role that allowed it (for the audit trail) */
export type Role = "admin" | "lead" | "owner" | "member" | "everyone";

export type Decision = { allowed: true; as: Role } | { allowed: false; mayDo: MayDo };

export interface PolicySettings {
  npsVisibility: NpsVisibility;
}

const allow = (as: Role): Decision => ({ allowed: true, as });
const refuse = (mayDo: MayDo): Decision => ({ allowed: false, mayDo });

function teamRole(who: RoleFacts, teamId: number | null): Role | null {
  if (who.isAdmin) return "admin";
  if (teamId === null || who.personId === null) return null;
  if (who.leads.includes(teamId)) return "lead";
  if (who.memberOf.includes(teamId)) return "member";
  return null;
}

/**
 * The rules, in one table:
 * - set goals, connect/disconnect channels, list cases with customer details: the team's lead, admins
 *   (everything at once — the company — admins only);
 * - claim: an open case by its owner or a member of its team; any case by its lead or an admin
 *   (whether a claimed case can change hands is the state machine's business, see transition);
 * - hand over, resolve, see contact details: the owner, the team's lead, admins;
 * - a team's NPS and stories: everyone, unless NPS_VISIBILITY=members (then its members, its lead,
 *   admins); the company figure is always for everyone;
 * - the report for management (every team side by side, kudos by name): everyone, unless
 *   NPS_VISIBILITY=members (then admins only: it shows every team's figures at once).
 */
export function decide(who: RoleFacts, action: PolicyAction, object: PolicyObject, settings: PolicySettings): Decision {
  const teamId = object.kind === "company" ? null : object.teamId;
  const role = teamRole(who, teamId);
  const isOwner = object.kind === "case" && who.personId !== null && object.ownerId === who.personId;
  switch (action) {
    case "goal.set":
    case "channel.connect":
    case "channel.disconnect":
    case "cases.list":
      if (role === "admin" || role === "lead") return allow(role);
      return refuse(object.kind === "company" ? "adminOnly" : "leadOrAdmin");
    case "case.claim":
      if (role === "admin" || role === "lead") return allow(role);
      if (object.kind !== "case") return refuse("leadOrAdmin");
      // the owner's second click is harmless; a case someone has taken is the lead's to move
      if (isOwner) return allow("owner");
      if (object.state !== "open") return refuse(object.teamId === null ? "adminOnly" : "leadOrAdmin");
      if (role === "member") return allow("member");
      return refuse(object.teamId === null ? "ownerLeadOrAdmin" : "memberLeadOrAdmin");
    case "case.handOver":
    case "case.resolve":
    case "case.contact":
      if (role === "admin" || role === "lead") return allow(role);
      if (isOwner) return allow("owner");
      return refuse("ownerLeadOrAdmin");
    case "nps.view":
      if (object.kind === "company" || settings.npsVisibility === "everyone") return allow("everyone");
      if (role !== null) return allow(role);
      return refuse("members");
    case "report.view":
      if (settings.npsVisibility === "everyone") return allow("everyone");
      if (who.isAdmin) return allow("admin");
      return refuse("adminOnly");
  }
}
