import { describe, expect, it } from "vitest";
import { ACTIONS, decide, type PolicyAction, type PolicyObject, type RoleFacts } from "../../src/core/permissions.ts";

const SUPPORT = 1;
const SALES = 2;
const OWNER = 30;

const people: Record<string, RoleFacts> = {
  admin: { personId: 10, isAdmin: true, leads: [], memberOf: [] },
  lead: { personId: 11, isAdmin: false, leads: [SUPPORT], memberOf: [] },
  member: { personId: 12, isAdmin: false, leads: [], memberOf: [SUPPORT] },
  owner: { personId: OWNER, isAdmin: false, leads: [], memberOf: [] },
  otherLead: { personId: 13, isAdmin: false, leads: [SALES], memberOf: [SALES] },
  otherMember: { personId: 14, isAdmin: false, leads: [], memberOf: [SALES] },
  everyone: { personId: 15, isAdmin: false, leads: [], memberOf: [] },
  unknown: { personId: null, isAdmin: false, leads: [SUPPORT], memberOf: [SUPPORT] },
};

const objects: Record<string, PolicyObject> = {
  team: { kind: "team", teamId: SUPPORT },
  company: { kind: "company" },
  openCase: { kind: "case", teamId: SUPPORT, ownerId: OWNER, state: "open" },
  claimedCase: { kind: "case", teamId: SUPPORT, ownerId: OWNER, state: "claimed" },
  teamlessCase: { kind: "case", teamId: null, ownerId: OWNER, state: "open" },
};

// ✓ allowed (as the role in brackets); otherwise who may do it. Written out by hand, not derived.
type Row = Record<keyof typeof people, string>;
const L = "leadOrAdmin", O = "ownerLeadOrAdmin", M = "memberLeadOrAdmin", A = "adminOnly", N = "members";
const byLeadOnTeam = (refusal: string): Row => ({ admin: "✓admin", lead: "✓lead", member: refusal, owner: refusal, otherLead: refusal, otherMember: refusal, everyone: refusal, unknown: refusal });
const byAdminOnly: Row = { ...byLeadOnTeam(A), lead: A };
const teamActions = (object: string, row: Row) =>
  (["goal.set", "channel.connect", "channel.disconnect", "cases.list"] as const).map((action) => [action, object, row] as const);

const TABLE: (readonly [PolicyAction, string, Row])[] = [
  ...teamActions("team", byLeadOnTeam(L)),
  ...teamActions("company", byAdminOnly),
  ["case.claim", "openCase", { admin: "✓admin", lead: "✓lead", member: "✓member", owner: "✓owner", otherLead: M, otherMember: M, everyone: M, unknown: M }],
  ["case.claim", "claimedCase", { admin: "✓admin", lead: "✓lead", member: L, owner: "✓owner", otherLead: L, otherMember: L, everyone: L, unknown: L }],
  ["case.claim", "teamlessCase", { admin: "✓admin", lead: O, member: O, owner: "✓owner", otherLead: O, otherMember: O, everyone: O, unknown: O }],
  ["case.claim", "team", byLeadOnTeam(L)],
  ...(["case.handOver", "case.resolve", "case.contact"] as const).flatMap((action) => [
    [action, "openCase", { admin: "✓admin", lead: "✓lead", member: O, owner: "✓owner", otherLead: O, otherMember: O, everyone: O, unknown: O }] as const,
    [action, "claimedCase", { admin: "✓admin", lead: "✓lead", member: O, owner: "✓owner", otherLead: O, otherMember: O, everyone: O, unknown: O }] as const,
    [action, "teamlessCase", { admin: "✓admin", lead: O, member: O, owner: "✓owner", otherLead: O, otherMember: O, everyone: O, unknown: O }] as const,
  ]),
];

const show = (d: ReturnType<typeof decide>) => (d.allowed ? `✓${d.as}` : d.mayDo);

describe("decide: every role × action", () => {
  it("covers every action", () => {
    expect(new Set(TABLE.map(([a]) => a))).toEqual(new Set(ACTIONS.filter((a) => a !== "nps.view" && a !== "report.view")));
  });

  for (const [action, object, row] of TABLE) {
    it(`${action} on ${object}`, () => {
      const got = Object.fromEntries(Object.entries(people).map(([name, who]) => [name, show(decide(who, action, objects[object]!, { npsVisibility: "everyone" }))]));
      expect(got).toEqual(row);
    });
  }

  it("NPS figures: open to everyone by default, the team's people only with NPS_VISIBILITY=members", () => {
    const everyone = Object.fromEntries(Object.entries(people).map(([n, who]) => [n, show(decide(who, "nps.view", objects.team!, { npsVisibility: "everyone" }))]));
    expect(Object.values(everyone)).toEqual(Object.values(people).map(() => "✓everyone"));
    const members = Object.fromEntries(Object.entries(people).map(([n, who]) => [n, show(decide(who, "nps.view", objects.team!, { npsVisibility: "members" }))]));
    expect(members).toEqual({ admin: "✓admin", lead: "✓lead", member: "✓member", owner: N, otherLead: N, otherMember: N, everyone: N, unknown: N });
    const company = Object.values(people).map((who) => show(decide(who, "nps.view", objects.company!, { npsVisibility: "members" })));
    expect(company).toEqual(Object.values(people).map(() => "✓everyone"));
  });

  it("the report for management: open to everyone by default, admins only with NPS_VISIBILITY=members", () => {
    const everyone = Object.fromEntries(Object.entries(people).map(([n, who]) => [n, show(decide(who, "report.view", objects.company!, { npsVisibility: "everyone" }))]));
    expect(everyone).toEqual({ admin: "✓everyone", lead: "✓everyone", member: "✓everyone", owner: "✓everyone", otherLead: "✓everyone", otherMember: "✓everyone", everyone: "✓everyone", unknown: "✓everyone" });
    // every team's figures at once: a team's lead or member sees only their own team with "members"
    const members = Object.fromEntries(Object.entries(people).map(([n, who]) => [n, show(decide(who, "report.view", objects.company!, { npsVisibility: "members" }))]));
    expect(members).toEqual({ admin: "✓admin", lead: A, member: A, owner: A, otherLead: A, otherMember: A, everyone: A, unknown: A });
  });

  it("the setting never changes anything but NPS and the report", () => {
    for (const action of ACTIONS.filter((a) => a !== "nps.view" && a !== "report.view"))
      for (const object of Object.values(objects))
        for (const who of Object.values(people))
          expect(decide(who, action, object, { npsVisibility: "members" })).toEqual(decide(who, action, object, { npsVisibility: "everyone" }));
  });
});
