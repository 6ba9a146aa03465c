// Role services through the real app wiring, on both databases: the console user is an admin in
// local mode; Slack user groups are synced once a day (a job run per local day) against the fake
// Slack Web API; a Teams roster replaces only its own synced members; refusal texts in both
// languages for every action.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS, type MayDo } from "../../src/core/permissions.ts";
import { slackDirectory } from "../../src/faces/slack/directory.ts";
import { silentLogger } from "../../src/logger.ts";
import { refusalText } from "../../src/messages/refusal.ts";
import { RoleAdmin } from "../../src/services/role-admin.ts";
import { AuditStore } from "../../src/store/audit.ts";
import { Directory } from "../../src/store/directory.ts";
import { JobRunStore } from "../../src/store/job-runs.ts";
import { MembershipStore } from "../../src/store/memberships.ts";
import { PeopleStore } from "../../src/store/people.ts";
import { startTestApp, type RunningApp } from "../support/app.ts";
import { PROVIDERS } from "../support/databases.ts";
import { startFakeSlack, type FakeSlack } from "../support/fake-slack.ts";

const OPS = { platform: "cli" as const, userId: "ops", name: "ops" };

describe.each(PROVIDERS)("role services on %s", (provider) => {
  let run: RunningApp;
  let fake: FakeSlack;
  let roles: RoleAdmin;
  const prisma = () => run.app.db.prisma;
  const members = async () =>
    (await prisma().teamMember.findMany({ include: { person: true }, orderBy: { id: "asc" } })).map((m) => [m.person.slackUserId ?? m.person.teamsUserId ?? m.person.email, m.source]).sort();

  beforeAll(async () => {
    run = await startTestApp(provider); // local mode
    fake = await startFakeSlack();
    const db = prisma();
    roles = new RoleAdmin(new PeopleStore(db), new MembershipStore(db), new Directory(db), new AuditStore(db), { jobRuns: new JobRunStore(db), timeZone: "Europe/Copenhagen" },
      slackDirectory({ botToken: "xoxb-test", mode: "http", appToken: null, signingSecret: "s", apiUrl: fake.apiUrl }, silentLogger));
    await db.team.create({ data: { slug: "support", name: "Support", slackUsergroupId: "S0SUP", teamsTeamId: "19:team@thread.tacv2" } });
  });
  afterAll(async () => {
    await run?.stop();
    await fake?.close();
  });

  it("in local mode the console user is an admin: sets a goal, lists the cases", async () => {
    const ctx = { platform: "console" as const, channelId: null, userId: "console", now: new Date("2026-11-30T09:00:00Z") };
    expect((await run.app.commands.handle("goal support 45 2030-11-30", ctx)).visibility).toBe("channel");
    const [event] = (await run.app.audit.list()).filter((e) => e.action === "goal.set");
    expect(event).toMatchObject({ actor: { platform: "console", userId: null }, allowed: true, detail: { as: "admin" } });
  });

  it("a Slack user group is read once per local day; each sync replaces the synced set, manual members stay", async () => {
    await roles.addMember("support", { email: "mia@firma.dk" }, OPS);
    fake.setUsergroup("S0SUP", ["U0ANNA", "U0BO"]);
    await roles.syncSlackGroupsDaily(new Date("2026-12-01T07:00:00Z"));
    expect(await members()).toEqual([["U0ANNA", "slack"], ["U0BO", "slack"], ["mia@firma.dk", "manual"]]);
    fake.setUsergroup("S0SUP", ["U0BO", "U0CARL"]);
    await roles.syncSlackGroupsDaily(new Date("2026-12-01T22:30:00Z")); // 23:30 in Copenhagen: the same day
    expect(fake.callsTo("usergroups.users.list")).toHaveLength(1);
    await roles.syncSlackGroupsDaily(new Date("2026-12-01T23:30:00Z")); // 00:30 the next day
    expect(fake.callsTo("usergroups.users.list")).toHaveLength(2);
    expect(await members()).toEqual([["U0BO", "slack"], ["U0CARL", "slack"], ["mia@firma.dk", "manual"]]);
  });

  it("a Teams roster replaces only the Teams-synced members; a team not linked is left alone", async () => {
    const roster = async () => [{ aadObjectId: "AAAA0000-1111-2222-3333-444444444444", name: "Anders And" }];
    expect(await roles.syncTeamsRosterDaily("19:other@thread.tacv2", roster, new Date("2026-12-02T08:00:00Z"))).toBe(false);
    expect(await roles.syncTeamsRosterDaily("19:team@thread.tacv2", roster, new Date("2026-12-02T08:00:00Z"))).toBe(true);
    expect(await members()).toEqual([["U0BO", "slack"], ["U0CARL", "slack"], ["aaaa0000-1111-2222-3333-444444444444", "teams"], ["mia@firma.dk", "manual"]]);
    const syncs = (await run.app.audit.list()).filter((e) => e.action === "team.member.sync").map((e) => e.detail?.source);
    expect(syncs).toEqual(["slack", "slack", "teams"]);
  });
});

describe("refusal texts", () => {
  const WHO: MayDo[] = ["leadOrAdmin", "ownerLeadOrAdmin", "memberLeadOrAdmin", "adminOnly", "members"];
  it("name who may, in Danish and English, for every action", () => {
    expect(refusalText("goal.set", "leadOrAdmin", "Support", "da")).toBe("Kun teamlederen for Support eller en administrator kan sætte mål.");
    expect(refusalText("goal.set", "leadOrAdmin", "Support", "en")).toBe("Only the team lead of Support or an admin can set goals.");
    expect(refusalText("case.resolve", "ownerLeadOrAdmin", null, "da")).toBe("Kun den ansvarlige, teamlederen eller en administrator kan løse sagen.");
    expect(refusalText("cases.list", "adminOnly", null, "en")).toBe("Only an admin can see the cases with customer details.");
    expect(refusalText("nps.view", "members", "Salg", "da")).toBe("Kun medlemmer af Salg kan se teamets NPS.");
    for (const action of ACTIONS)
      for (const who of WHO) {
        expect(refusalText(action, who, "Support", "da")).toMatch(/^Kun .+ kan [a-zæøå].+\.$/);
        expect(refusalText(action, who, "Support", "en")).toMatch(/^Only .+ can [a-z].+\.$/);
      }
  });
});
