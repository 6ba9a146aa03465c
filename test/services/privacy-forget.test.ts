// `kundepuls forget` end to end on both databases: a customer's detractor alert (a Slack channel)
// and promoter story (#kundehistorier) went out; the real CLI forgets them; afterwards no row of any
// table holds their e-mail, name or comments, the fake Slack saw both messages deleted, the audit
// has a hash, and another customer's data is untouched. The praise thanks a colleague by name: the
// private "a customer thanked you" quoting it is deleted too. (Teams and POST /api/forget: privacy-api.test.ts.)
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERASED } from "../../src/core/privacy.ts";
import { startTestApp, type RunningApp } from "../support/app.ts";
import { runCli } from "../support/cli.ts";
import { PROVIDERS } from "../support/databases.ts";
import { startFakeSlack, type FakeSlack } from "../support/fake-slack.ts";
import { findInAllTables } from "../support/table-scan.ts";
import { answer, post, TOKEN } from "../support/privacy.ts";

const SECRET = "forget-test-signing-secret";
const AASE = { email: "aase.orum@example.dk", name: "Åse Ørum", account: "Bageriet ApS" };
const COMPLAINT = "Ventede fyrre minutter i telefonkøen og blev afbrudt to gange";
const PRAISE = "Bedste bageriservice nogensinde, Mette leverede hurtigt hver eneste gang";
/** thanks Mette without consent to share: her private thanks holds no word of it, only its key links it */
const THANKS = "Mette ringede tilbage samme dag, tusind tak for hjælpen";
const OTHER = { email: "bent@example.dk", name: "Bent Berg" };
const OTHER_COMMENT = "Fakturaen var forkert for tredje gang i træk";

describe.each(PROVIDERS)("forget over Slack on %s", (provider) => {
  let fake: FakeSlack;
  let run: RunningApp;
  let env: Record<string, string>;
  beforeAll(async () => {
    fake = await startFakeSlack();
    env = { SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, INGEST_TOKEN: TOKEN, STORY_CHANNELS: "slack:C0STORIES", DEFAULT_LANGUAGE: "en" };
    run = await startTestApp(provider, env);
    env.DATABASE_URL = run.test.databaseUrl;
    const team = await run.app.db.prisma.team.create({ data: { slug: "support", name: "Support" } });
    const mette = await run.app.db.prisma.person.create({ data: { name: "Mette Kjær", slackUserId: "U0METTE" } });
    await run.app.db.prisma.teamMember.create({ data: { teamId: team.id, personId: mette.id, source: "manual" } });
    await run.app.db.prisma.channelBinding.create({ data: { platform: "slack", channelId: "C0SUPPORT", teamId: team.id, purpose: "alerts" } });
    const stored = await post(run.url, "/api/responses", [
      answer("f-1", 2, COMPLAINT, AASE),
      answer("f-2", 10, PRAISE, AASE, { consentToShare: true }),
      answer("f-3", 1, OTHER_COMMENT, OTHER),
      answer("f-4", 9, THANKS, AASE),
    ]);
    expect(stored).toEqual({ status: 200, body: { created: 4, updated: 0, unchanged: 0 } });
    await run.app.followUps.drain();
    expect(await run.app.stories.runPlan(new Date("2026-11-27T09:00:00Z"))).toBe(1); // a story slot
    await run.app.deliverNow();
    expect(fake.messagesIn("C0SUPPORT")).toHaveLength(2); // both alerts
    expect(fake.messagesIn("C0STORIES")).toHaveLength(1);
    const thanks = fake.messagesIn(fake.dmOf("U0METTE")); // the kudos thanks: one quoting the praise, one without words
    expect(thanks).toHaveLength(2);
    expect(JSON.stringify(thanks)).not.toContain("tusind tak");
  });
  afterAll(async () => {
    await run?.stop();
    await fake?.close();
  });

  it("--dry-run counts what would go and changes nothing", async () => {
    const dry = await runCli(["forget", AASE.email.toUpperCase(), "--dry-run"], env);
    expect(dry).toMatchObject({ code: 0, stderr: "" });
    expect(dry.stdout).toContain("would erase: 3 answers, 1 case, 1 story, 4 chat messages deleted, 0 waiting messages cancelled");
    expect(fake.callsTo("chat.delete")).toHaveLength(0);
    expect((await findInAllTables(run.app.db, [AASE.email])).length).toBeGreaterThan(0);
  });

  it("export EMAIL prints one JSON document: answers, the case, the story, where messages were posted", async () => {
    const res = await runCli(["export", AASE.email], env);
    expect(res).toMatchObject({ code: 0, stderr: "" });
    const doc = JSON.parse(res.stdout);
    expect(doc.customer).toEqual({ email: AASE.email });
    expect(doc.answers.map((a: any) => [a.externalId, a.comment, a.customerName, a.customerAccount, a.case?.state ?? null, a.story?.kind ?? null])).toEqual([
      ["f-1", COMPLAINT, AASE.name, AASE.account, "open", null], ["f-2", PRAISE, AASE.name, AASE.account, null, "promoter"],
      ["f-4", THANKS, AASE.name, AASE.account, null, null],
    ]);
    expect(doc.messages.map((m: any) => [m.platform, m.channel, m.kind, m.state]).sort()).toEqual([["slack", "C0STORIES", "story", "sent"], ["slack", "C0SUPPORT", "alert", "sent"], ["slack", "U0METTE", "kudosThanks", "sent"], ["slack", "U0METTE", "kudosThanks", "sent"]]);
    expect(doc.messages.every((m: any) => typeof m.postedAt === "string")).toBe(true);
  });

  it("forget EMAIL erases every trace in every table and deletes the two messages in Slack", async () => {
    const done = await runCli(["forget", AASE.email], env);
    expect(done).toMatchObject({ code: 0, stderr: "" });
    expect(done.stdout).toContain("erased: 3 answers, 1 case, 1 story, 4 chat messages deleted");
    const deleted = fake.callsTo("chat.delete").map((c) => [c.body.channel, c.response?.body]);
    expect(deleted).toHaveLength(4);
    expect(deleted.every(([, body]) => (body as { ok: boolean }).ok)).toBe(true);
    expect(fake.messagesIn("C0STORIES")).toHaveLength(0);
    expect(fake.messagesIn(fake.dmOf("U0METTE"))).toHaveLength(0);
    // The kudos is still counted (it names no customer).
    expect(await run.app.db.prisma.kudos.count()).toBe(2);
    const left = fake.messagesIn("C0SUPPORT");
    expect(left).toHaveLength(1); // the other customer's alert stays
    expect(JSON.stringify(left[0]!.blocks)).toContain("Bent Berg");

    expect(await findInAllTables(run.app.db, [AASE.email, AASE.name, COMPLAINT.slice(0, 30), PRAISE.slice(0, 30), THANKS.slice(0, 30)])).toEqual([]);
    // The figures stay: scores, team, touchpoint, date; the comment reads as erased.
    const rows = await run.app.db.prisma.answer.findMany({ where: { externalId: { in: ["f-1", "f-2"] } }, orderBy: { externalId: "asc" }, include: { team: true, touchpoint: true } });
    expect(rows.map((r) => [r.score, r.team?.slug, r.touchpoint?.name, r.comment, r.customerName, r.customerEmail, r.customerAccount]))
      .toEqual([[2, "support", "telefon", ERASED, null, null, null], [10, "support", "telefon", ERASED, null, null, null]]);
    expect((await run.app.db.prisma.story.findFirstOrThrow()).text).toBe(ERASED);
    // The other customer is untouched.
    expect(await findInAllTables(run.app.db, [OTHER.email, OTHER_COMMENT])).not.toEqual([]);
    // The audit names the customer by hash only.
    const audit = await run.app.db.prisma.auditEvent.findMany({ where: { objectType: "customer" }, orderBy: { id: "asc" } });
    const hash = crypto.hash("sha256", `email:${AASE.email}`, "hex");
    expect(audit.map((a) => [a.action, a.actorPlatform, a.objectId, a.allowed])).toEqual([["customer.export", "cli", hash, true], ["customer.forget", "cli", hash, true]]);
  });

  it("an unchanged re-delivery of a forgotten answer stores nothing again; a second forget finds nothing", async () => {
    expect((await post(run.url, "/api/responses", answer("f-1", 2, COMPLAINT, AASE))).body).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(await findInAllTables(run.app.db, [AASE.email])).toEqual([]);
    const again = await runCli(["forget", AASE.email], env);
    expect(again.stdout).toContain("erased: 0 answers, 0 cases, 0 stories, 0 chat messages deleted");
    expect(fake.callsTo("chat.delete")).toHaveLength(4);
  });

  it("bad usage is one line and exit 2", async () => {
    const bad = await runCli(["forget", "not-an-email"], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^kundepuls: forget takes the customer's e-mail address/);
    const both = await runCli(["forget", AASE.email, "--account", "Bageriet ApS"], env);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("an e-mail address or --account NAME (one of them)");
  });
});
