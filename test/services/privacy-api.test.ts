// POST /api/forget over Teams, on both databases: the alert in the lead's chat is deleted through the
// outbox (the fake Bot Connector sees DELETE of that activity), an alert still waiting is cancelled
// and never sent; the endpoint takes the ingest token like POST /api/responses; export shows what
// is stored and where it was posted.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PROVIDERS } from "../support/databases.ts";
import { findInAllTables } from "../support/table-scan.ts";
import { startTeams, type TeamsRun } from "../faces/teams/e2e.ts";
import { PERSONAL, personalInstall } from "../faces/teams/recorded.ts";
import { startTestApp, type RunningApp } from "../support/app.ts";
import { answer, post } from "../support/privacy.ts";

const KIRA = { email: "kira@example.dk", name: "Kira Krogh", account: "Krogh & Co" };
const KIRA_SAYS = "Pakken kom aldrig frem og ingen svarede på mine mails";
const LARS = { email: "lars@example.dk", name: "Lars Lund" };
const LARS_SAYS = "Forkert vare leveret to gange, meget irriterende";

describe.each(PROVIDERS)("POST /api/forget over Teams on %s", (provider) => {
  let t: TeamsRun;
  beforeAll(async () => {
    t = await startTeams(provider);
    const prisma = t.run.app.db.prisma;
    const lead = await prisma.person.create({ data: { email: "mette@example.dk", name: "Mette Holm" } });
    await prisma.team.create({ data: { slug: "support", name: "Support", leadId: lead.id } });
    expect((await t.post(personalInstall(t.connector.url, "add"))).status).toBe(200);
  });
  afterAll(async () => t?.stop());
  beforeEach(() => t.connector.clear());

  it("deletes the alert already in the lead's chat (DELETE of that activity) and erases every trace", async () => {
    await t.answer(answer("k-1", 1, KIRA_SAYS, KIRA));
    await t.run.app.deliverNow();
    const [alert] = t.connector.calls;
    expect(alert).toMatchObject({ kind: "send", conversationId: PERSONAL });
    t.connector.clear();

    const res = await post(t.run.url, "/api/forget", { email: KIRA.email }, null); // local mode: this machine needs no token
    expect(res).toEqual({ status: 200, body: { dryRun: false, answers: 1, cases: 1, stories: 0, messagesDeleted: 1, messagesCancelled: 0 } });
    await t.run.app.deliverNow();
    expect(t.connector.calls).toMatchObject([{ method: "DELETE", kind: "delete", conversationId: PERSONAL, activityId: alert!.answeredId }]);
    expect(await findInAllTables(t.run.app.db, [KIRA.email, KIRA.name, KIRA.account, KIRA_SAYS.slice(0, 30)])).toEqual([]);
    const audit = await t.run.app.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "customer.forget" } });
    expect(audit).toMatchObject({ actorPlatform: "api", actorUserId: "ingest-token" });
    expect(audit.detail).not.toContain("kira");
  });

  it("an alert not sent yet is cancelled, a story not posted yet never is", async () => {
    await t.answer(answer("l-1", 0, LARS_SAYS, LARS));
    await t.answer(answer("l-2", 10, "Jeg fik en rigtig flot undskyldning og et gavekort bagefter", LARS, { consentToShare: true }));
    expect(await t.run.app.db.prisma.story.count({ where: { answer: { externalId: "l-2" } } })).toBe(1);
    expect(await t.run.app.outbox.list({ state: "pending" })).toHaveLength(1);
    const res = await post(t.run.url, "/api/forget", { email: LARS.email }, null);
    expect(res.body).toMatchObject({ answers: 2, cases: 1, stories: 1, messagesDeleted: 0, messagesCancelled: 1 });
    t.run.app.stories.settings.globalChannels = [{ platform: "teams", channelId: PERSONAL }];
    expect(await t.run.app.stories.runPlan(new Date("2026-11-27T09:00:00Z"))).toBe(0);
    await t.run.app.deliverNow();
    expect(t.connector.calls).toEqual([]);
    expect(await t.run.app.outbox.list({ state: "pending" })).toEqual([]);
    expect(await findInAllTables(t.run.app.db, [LARS.email, LARS.name, LARS_SAYS.slice(0, 30)])).toEqual([]);
  });
});

describe.each(PROVIDERS)("/api/forget auth and export on %s", (provider) => {
  const TOKEN = "api-forget-token-0123456789";
  let run: RunningApp;
  beforeAll(async () => {
    run = await startTestApp(provider, { INGEST_TOKEN: TOKEN });
    expect((await post(run.url, "/api/responses", [answer("e-1", 3, KIRA_SAYS, KIRA), answer("e-2", 9, "Fint nok", KIRA)], TOKEN)).status).toBe(200);
    await run.app.followUps.drain();
  });
  afterAll(async () => run?.stop());

  it("without the token or with a wrong one: 401 and nothing changes; a bad body: 400", async () => {
    expect((await post(run.url, "/api/forget", { email: KIRA.email }, null)).status).toBe(401);
    expect((await post(run.url, "/api/forget", { email: KIRA.email }, "wrong-token-wrong-token")).status).toBe(401);
    const bad = await post(run.url, "/api/forget", { email: "not an e-mail" }, TOKEN);
    expect(bad.status).toBe(400);
    expect((await post(run.url, "/api/forget", { email: KIRA.email, account: "x" }, TOKEN)).status).toBe(400);
    expect(await run.app.db.prisma.answer.count({ where: { customerEmail: KIRA.email } })).toBe(2);
    expect(await run.app.db.prisma.auditEvent.count()).toBe(0);
  });

  it("export: one document with the answers, the case and where messages went; audited by hash", async () => {
    const doc = await run.app.privacy.export({ email: "Kira@Example.dk" }, { platform: "cli", userId: "dpo", name: null }, new Date());
    expect(doc.customer).toEqual({ email: KIRA.email });
    expect(doc.answers.map((a) => [a.externalId, a.score, a.comment, a.customerName, a.team])).toEqual([
      ["e-1", 3, KIRA_SAYS, KIRA.name, "support"], ["e-2", 9, "Fint nok", KIRA.name, "support"],
    ]);
    expect(doc.answers[0]!.case).toMatchObject({ state: "open" });
    expect(doc.messages.map((m) => [m.platform, m.kind])).toEqual([["console", "alert"]]);
    const audit = await run.app.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "customer.export" } });
    expect(audit).toMatchObject({ actorPlatform: "cli", actorUserId: "dpo", objectType: "customer" });
    expect(JSON.stringify(audit)).not.toContain("kira");
  });

  it("with the token: a dry run counts, the real one erases", async () => {
    expect((await post(run.url, "/api/forget", { email: KIRA.email, dryRun: true }, TOKEN)).body).toMatchObject({ dryRun: true, answers: 2, cases: 1 });
    expect(await run.app.db.prisma.answer.count({ where: { customerEmail: KIRA.email } })).toBe(2);
    expect((await post(run.url, "/api/forget", { email: KIRA.email }, TOKEN)).body).toMatchObject({ dryRun: false, answers: 2, cases: 1 });
    expect(await findInAllTables(run.app.db, [KIRA.email, KIRA.name, KIRA_SAYS.slice(0, 30)])).toEqual([]);
  });
});
