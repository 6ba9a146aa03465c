// kundepuls admin / team member / team set --slack-usergroup / team sync / audit, through the real
// executable: roles are set and audited; an e-mail is linked to its Slack user; a Slack user group
// becomes the team's synced members while manual members stay; bad usage is one line, exit 2.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/database.ts";
import { startFakeSlack, type FakeSlack } from "../support/fake-slack.ts";
import { runCli } from "../support/cli.ts";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../support/databases.ts";

// each step runs the executable several times (a few seconds each on a busy machine)
const slow = (name: string, fn: () => Promise<void>) => it(name, fn, 180_000);

describe.each(PROVIDERS)("kundepuls roles on %s", (provider) => {
  let test: TestDatabase;
  let fake: FakeSlack;
  let env: Record<string, string>;
  const db = async <T>(work: (prisma: Awaited<ReturnType<typeof openDatabase>>["prisma"]) => Promise<T>): Promise<T> => {
    const opened = await openDatabase(test.target);
    try {
      return await work(opened.prisma);
    } finally {
      await opened.close();
    }
  };

  beforeAll(async () => {
    test = await createTestDatabase(provider);
    fake = await startFakeSlack();
    fake.addUser({ id: "U0LENE", name: "lene", realName: "Lene Leder", email: "lene@firma.dk" });
    fake.setUsergroup("S0SUPPORT", ["U0ANNA", "U0BO"]);
    env = { DATABASE_URL: test.databaseUrl, SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99yyyzzz85a5", SLACK_API_URL: fake.apiUrl, TIME_ZONE: "Europe/Copenhagen", DEFAULT_LANGUAGE: "en" };
    expect((await runCli(["team", "set", "support", "--name", "Support"], env)).code).toBe(0);
  });
  afterAll(async () => {
    await fake?.close();
    await test?.drop();
  });

  slow("a lead named by e-mail is linked to their Slack user (users.lookupByEmail), so alerts can reach them", async () => {
    const set = await runCli(["team", "set", "support", "--lead", "lene@firma.dk"], env);
    expect(set.stdout).toContain("support (Support): lead lene@firma.dk, digest default schedule\n");
    expect(fake.callsTo("users.lookupByEmail").map((c) => c.body.email)).toEqual(["lene@firma.dk"]);
    expect(await db((p) => p.person.findUniqueOrThrow({ where: { email: "lene@firma.dk" } }))).toMatchObject({ slackUserId: "U0LENE" });
  });

  slow("admin add, list, remove — each audited; PERSON may be an e-mail, U… or slack:U…", async () => {
    expect((await runCli(["admin", "add", "U0BOSS"], env)).stdout).toBe("U0BOSS is now an admin\n");
    expect((await runCli(["admin", "add", "slack:u0boss"], env)).stdout).toBe("U0BOSS was already an admin\n");
    expect((await runCli(["admin", "list"], { ...env, ADMINS: "it@firma.dk" })).stdout).toBe("U0BOSS\nit@firma.dk (ADMINS)\n");
    expect((await runCli(["admin", "remove", "U0BOSS"], env)).stdout).toBe("U0BOSS is no longer an admin\n");
    expect((await runCli(["admin", "list"], env)).stdout).toBe("no admins yet (kundepuls admin add PERSON, or ADMINS=…)\n");
    const bad = await runCli(["admin", "add", "bo"], env);
    expect([bad.code, bad.stderr]).toEqual([2, 'kundepuls: "bo" is not a person: give an e-mail, a Slack user id (U0123 or slack:U0123) or teams:<AAD object id>\n']);
  });

  slow("team member add/remove and team members; a Slack user group's members are synced, manual ones stay", async () => {
    expect((await runCli(["team", "member", "add", "support", "mia@firma.dk"], env)).stdout).toBe("mia@firma.dk is now a member of Support\n");
    expect((await runCli(["team", "member", "add", "support", "teams:2b1c0000-aaaa-bbbb-cccc-000000000001"], env)).code).toBe(0);
    const set = await runCli(["team", "set", "support", "--slack-usergroup", "S0SUPPORT"], env);
    expect(set.stdout).toContain("members from Slack user group S0SUPPORT");
    expect(set.stdout).toContain("support: 2 members from Slack user group S0SUPPORT (+2 −0)");
    fake.setUsergroup("S0SUPPORT", ["U0ANNA"]);
    expect((await runCli(["team", "sync", "support"], env)).stdout).toBe("support: 1 members from Slack user group S0SUPPORT (+0 −1)\n");
    expect((await runCli(["team", "members", "support"], env)).stdout).toBe("mia@firma.dk (manual)\nteams:2b1c0000-aaaa-bbbb-cccc-000000000001 (manual)\nU0ANNA (slack)\n");
    expect((await runCli(["team", "member", "remove", "support", "mia@firma.dk"], env)).stdout).toBe("mia@firma.dk is no longer a member of Support\n");
    expect((await runCli(["team", "member", "add", "nope", "mia@firma.dk"], env)).stderr).toBe('kundepuls: unknown team "nope"\n');
    expect((await runCli(["team", "member", "add", "support"], env)).code).toBe(2);
  });

  slow("kundepuls audit: every role change, as text and as JSON, filtered by team and date", async () => {
    const text = await runCli(["audit"], env);
    expect(text.code).toBe(0);
    // each line starts with the local moment as people write it, not an ISO timestamp: "6 December 2026, 23:28"
    // (newer ICU data writes "6 December 2026 at 23:28")
    expect(text.stdout).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}(?:,| at) \d{2}:\d{2} allowed role\.admin\.add person \d+ by \S+ \(cli\)/m);
    expect(text.stdout).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    const json = JSON.parse((await runCli(["audit", "--team", "support", "--json"], env)).stdout);
    expect(json.team).toBe("support");
    expect(json.events.map((e: { action: string }) => e.action)).toEqual(["role.lead.set", "team.member.add", "team.member.add", "team.member.sync", "team.member.sync", "team.member.remove"]);
    expect(json.events[0]).toMatchObject({ actor: { platform: "cli" }, object: { type: "person" }, team: "support", allowed: true });
    expect(Object.keys(json.events[0]).sort()).toEqual(["action", "actor", "allowed", "at", "detail", "id", "object", "team"]);
    const future = JSON.parse((await runCli(["audit", "--since", "2999-01-01", "--json"], env)).stdout);
    expect(future).toEqual({ since: "2998-12-31T23:00:00.000Z", team: null, events: [] });
    const bad = await runCli(["audit", "--since", "1. december"], env);
    expect([bad.code, bad.stderr.split("\n")[0]]).toEqual([2, "kundepuls: --since: must be a date such as 2026-12-01"]);
  });
});
