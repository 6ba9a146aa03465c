// Retention on both databases, with a fixed clock: the habits tick makes answers, cases and stories
// older than RETENTION_DAYS anonymous, queues the deletion of chat messages that old, prunes
// operational rows past PRUNE_AFTER_DAYS (keeping a sent message's remoteId), and does it once a day
// however many replicas tick. `kundepuls retention --dry-run` shows it without changing anything.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERASED } from "../../src/core/privacy.ts";
import { startTestApp, type RunningApp } from "../support/app.ts";
import { runCli } from "../support/cli.ts";
import { PROVIDERS } from "../support/databases.ts";
import { findInAllTables } from "../support/table-scan.ts";

const NOW = new Date("2026-11-30T11:00:00Z"); // a Monday, noon in Copenhagen
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);
const OLD_COMMENT = "Gammel klage over en kold kaffe i butikken";

describe.each(PROVIDERS)("retention on %s", (provider) => {
  let run: RunningApp;
  beforeAll(async () => {
    run = await startTestApp(provider, { RETENTION_DAYS: "100", PRUNE_AFTER_DAYS: "10" });
    const prisma = run.app.db.prisma;
    const team = await prisma.team.create({ data: { slug: "support", name: "Support" } });
    const customer = (id: string, at: Date, comment: string | null) => prisma.answer.create({ data: {
      source: "api", externalId: id, score: 2, teamId: team.id, comment, customerName: "Gitte Gammel", customerEmail: `${id}@example.dk`,
      customerAccount: "Gammel A/S", answeredAt: at, contentHash: id,
    } });
    const old = await customer("old", daysAgo(120), OLD_COMMENT);
    await customer("recent", daysAgo(5), "Ny kommentar");
    const oldCase = await prisma.detractorCase.create({ data: { answerId: old.id, teamId: team.id, state: "resolved", actionTaken: "Ringede til Gitte", openedAt: daysAgo(119) } });
    await prisma.story.create({ data: { kind: "employee", text: "Gitte fra Gammel A/S ringede og takkede", attribution: "Gitte", createdAt: daysAgo(110) } });
    await prisma.outboxMessage.create({ data: {
      key: `alert:${oldCase.id}:console`, platform: "console", target: "alerts", kind: "alert", payload: JSON.stringify({ text: OLD_COMMENT }),
      state: "sent", remoteId: "r-old", createdAt: daysAgo(119), sentAt: daysAgo(119),
    } });
    await prisma.outboxMessage.create({ data: {
      key: "digest:support:console:2026-11-10", platform: "console", target: "digest", kind: "digest", payload: JSON.stringify({ text: "tal" }),
      state: "sent", remoteId: "r-digest", createdAt: daysAgo(20), sentAt: daysAgo(20),
    } });
    await prisma.handledDelivery.createMany({ data: [{ key: "ev-old", receivedAt: daysAgo(11) }, { key: "ev-new", receivedAt: daysAgo(1) }] });
    await prisma.jobRun.create({ data: { key: "digest:support:2026-11-01", startedAt: daysAgo(29), finishedAt: daysAgo(29) } });
  });
  afterAll(async () => run?.stop());

  it("kundepuls retention --dry-run says what would go and changes nothing", async () => {
    const dry = await runCli(["retention", "--dry-run"], { DATABASE_URL: run.test.databaseUrl, RETENTION_DAYS: "100", DEFAULT_LANGUAGE: "en" });
    expect(dry).toMatchObject({ code: 0, stderr: "" });
    // the real clock is later than NOW: the same old rows are in scope
    expect(dry.stdout).toContain("older than 100 days (RETENTION_DAYS), would make anonymous: 1 answer, 1 case, 1 story, 1 chat message deleted, 0 waiting messages cancelled\n");
    expect(await run.app.db.prisma.answer.count({ where: { customerEmail: "old@example.dk" } })).toBe(1);
  });

  it("the daily tick anonymises what is older than RETENTION_DAYS and prunes what is older than PRUNE_AFTER_DAYS", async () => {
    await run.app.habits.tick(NOW);
    const prisma = run.app.db.prisma;
    const answers = await prisma.answer.findMany({ orderBy: { externalId: "asc" } });
    expect(answers.map((a) => [a.externalId, a.score, a.comment, a.customerName, a.customerEmail, a.customerAccount])).toEqual([
      ["old", 2, ERASED, null, null, null],
      ["recent", 2, "Ny kommentar", "Gitte Gammel", "recent@example.dk", "Gammel A/S"],
    ]);
    expect((await prisma.detractorCase.findFirstOrThrow()).actionTaken).toBe(ERASED);
    expect(await prisma.story.findFirstOrThrow()).toMatchObject({ text: ERASED, attribution: null });
    expect(await findInAllTables(run.app.db, ["old@example.dk", OLD_COMMENT, "Ringede til Gitte"])).toEqual([]);
    // the old alert: erased, its deletion queued; the 20-day-old digest keeps its row and remoteId, not its payload
    // (the tick also queued today's digest: not part of this)
    const messages = await prisma.outboxMessage.findMany({ where: { createdAt: { lt: NOW } }, orderBy: { id: "asc" } });
    messages.push(...await prisma.outboxMessage.findMany({ where: { kind: "delete" } }));
    expect(messages.map((m) => [m.key, m.state, m.payload, m.remoteId])).toEqual([
      [expect.stringMatching(/^alert:/), "erased", "{}", "r-old"],
      ["digest:support:console:2026-11-10", "sent", "{}", "r-digest"],
      [`delete:${messages[0]!.id}`, "pending", JSON.stringify({ deletes: "r-old" }), null],
    ]);
    expect((await prisma.handledDelivery.findMany()).map((h) => h.key)).toEqual(["ev-new"]);
    expect(await prisma.jobRun.findUnique({ where: { key: "digest:support:2026-11-01" } })).toBeNull();
    expect(await prisma.jobRun.findUnique({ where: { key: "retention:2026-11-30" } })).not.toBeNull();
  });

  it("a second tick the same day (another replica) does nothing; the queued deletion goes out", async () => {
    const audit = () => run.app.db.prisma.auditEvent.count({ where: { action: "retention.anonymise" } });
    expect(await audit()).toBe(1);
    await run.app.habits.tick(new Date(NOW.getTime() + 60_000));
    expect(await audit()).toBe(1);
    await run.app.deliverNow(); // the console face "deletes" it
    expect(await run.app.db.prisma.outboxMessage.count({ where: { kind: "delete", state: "sent" } })).toBe(1);
  });
});
