import fs from "node:fs";
import Sqlite from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/database.ts";
import { applyMigrations, pendingMigrations, readMigrations } from "../../src/store/migrate.ts";
import { diffSchemas, isEmptyMigration } from "../../scripts/schema-engine.ts";
import { modelsOf, readSchema, snapshotPath } from "../../scripts/schema-files.ts";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../support/databases.ts";

let current: TestDatabase | undefined;
afterEach(async () => {
  await current?.drop();
  current = undefined;
});

describe("schema files", () => {
  it("the sqlite and postgres schemas hold the same models", () => {
    expect(modelsOf(readSchema("postgres").content)).toBe(modelsOf(readSchema("sqlite").content));
  });

  it.each(PROVIDERS)("%s: the committed migrations lead to the current schema (no migration missing)", async (provider) => {
    const snapshot = { path: snapshotPath(provider), content: fs.readFileSync(snapshotPath(provider), "utf8") };
    const sql = await diffSchemas(snapshot, readSchema(provider));
    expect(isEmptyMigration(sql), `schema changed without a migration; run npm run migration:create -- <name>\n${sql}`).toBe(true);
  });
});

describe.each(PROVIDERS)("migrations on %s", (provider) => {
  it("apply to an empty database once, record Prisma's checksums, and every model works", async () => {
    current = await createTestDatabase(provider);
    const files = readMigrations(provider);
    expect(files.length).toBeGreaterThan(0);
    const first = await applyMigrations(current.target);
    expect(first.applied).toEqual(files.map((f) => f.name));
    const again = await applyMigrations(current.target);
    expect(again).toEqual({ applied: [], alreadyApplied: files.length });

    const db = await openDatabase(current.target);
    try {
      const rows = await db.prisma.$queryRawUnsafe<{ migration_name: string; checksum: string; applied_steps_count: number }[]>(
        `SELECT migration_name, checksum, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
      );
      expect(rows.map((r) => [r.migration_name, r.checksum, Number(r.applied_steps_count)])).toEqual(
        files.map((f) => [f.name, f.checksum, 1]),
      );
      await exerciseEveryModel(db.prisma);
    } finally {
      await db.close();
    }
  });

  it("two processes migrating at once apply each migration once", async () => {
    current = await createTestDatabase(provider);
    const results = await Promise.all([applyMigrations(current.target), applyMigrations(current.target)]);
    const appliedTotal = results.reduce((n, r) => n + r.applied.length, 0);
    expect(appliedTotal).toBe(readMigrations(provider).length);
  });

  it("refuses to run over a migration Prisma recorded as failed", async () => {
    current = await createTestDatabase(provider);
    await applyMigrations(current.target);
    const db = await openDatabase(current.target);
    try {
      await db.prisma.$executeRawUnsafe(`UPDATE "_prisma_migrations" SET finished_at = NULL`);
    } finally {
      await db.close();
    }
    await expect(applyMigrations(current.target)).rejects.toThrow(/failed earlier/);
  });

  it("records started_at ≤ finished_at for every migration, as Prisma does", async () => {
    current = await createTestDatabase(provider);
    await applyMigrations(current.target);
    const db = await openDatabase(current.target);
    try {
      const rows = await db.prisma.$queryRawUnsafe<{ s: unknown; f: unknown }[]>(`SELECT started_at AS s, finished_at AS f FROM "_prisma_migrations"`);
      for (const r of rows) expect(new Date(r.s as string | number).getTime()).toBeLessThanOrEqual(new Date(r.f as string | number).getTime());
    } finally {
      await db.close();
    }
  });

  it("refuses a history whose applied migration was edited", () => {
    const files = readMigrations(provider);
    const applied = [{ migration_name: files[0]!.name, checksum: "0".repeat(64) }];
    expect(() => pendingMigrations(files, applied)).toThrow(/changed after it was applied/);
  });
});

it("sqlite: migrating creates exactly one table per model plus Prisma's history table", async () => {
  current = await createTestDatabase("sqlite");
  await applyMigrations(current.target);
  const db = new Sqlite(current.target.url, { readonly: true });
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all();
  db.close();
  const models = [...readSchema("sqlite").content.matchAll(/^model (\w+) \{/gm)].map((m) => m[1]);
  expect(tables.map((t) => (t as { name: string }).name)).toEqual([...models, "_prisma_migrations"].sort());
});

async function exerciseEveryModel(prisma: Awaited<ReturnType<typeof openDatabase>>["prisma"]) {
  const person = await prisma.person.create({ data: { email: "lead@example.dk", name: "Lene Lead", slackUserId: "U1", teamsUserId: "aad-1", isAdmin: true } });
  const team = await prisma.team.create({ data: { slug: "support", name: "Support", leadId: person.id, digestCron: "30 8 * * 1-5" } });
  const touchpoint = await prisma.touchpoint.create({ data: { name: "telefon", ownerId: person.id } });
  await prisma.account.create({ data: { name: "Bageriet ApS", ownerId: person.id } });
  const answer = await prisma.answer.create({
    data: {
      source: "api", externalId: "a-1", score: 3, ces: 2, comment: "Lang ventetid på æøå", customerName: "Søren",
      customerEmail: "s@example.dk", customerAccount: "Bageriet ApS", teamId: team.id, touchpointId: touchpoint.id,
      language: "da", consentToShare: true, answeredAt: new Date("2026-11-01T10:00:00Z"), contentHash: "h",
    },
  });
  await prisma.goal.create({ data: { teamId: team.id, targetNps: 45, minResponses: 100, startsAt: new Date(), dueAt: new Date("2027-11-30T23:00:00Z") } });
  await prisma.detractorCase.create({ data: { answerId: answer.id, teamId: team.id, ownerId: person.id, routedBy: "teamLead" } });
  await prisma.story.create({ data: { answerId: answer.id, kind: "promoter", text: "Super service", score: 10, teamId: team.id, touchpointId: touchpoint.id } });
  await prisma.channelBinding.create({ data: { platform: "slack", channelId: "C1", teamId: team.id, purpose: "digest" } });
  await prisma.teamsConversation.create({ data: { conversationId: "19:abc", kind: "channel", reference: "{}" } });
  await prisma.outboxMessage.create({ data: { key: "k1", platform: "slack", target: "C1", kind: "digest", payload: "{}" } });
  await prisma.jobRun.create({ data: { key: "digest:support:2026-11-28" } });
  await prisma.handledDelivery.create({ data: { key: "slack:Ev1" } });

  const loaded = await prisma.answer.findUniqueOrThrow({
    where: { source_externalId: { source: "api", externalId: "a-1" } },
    include: { team: { include: { lead: true } }, touchpoint: true, detractorCase: { include: { owner: true } }, story: true },
  });
  expect(loaded.comment).toBe("Lang ventetid på æøå");
  expect(loaded.answeredAt.toISOString()).toBe("2026-11-01T10:00:00.000Z");
  expect(loaded.team?.lead?.email).toBe("lead@example.dk");
  expect(loaded.detractorCase?.state).toBe("open");
  expect(loaded.story?.text).toBe("Super service");
  await expect(prisma.answer.create({ data: { ...stripIds(loaded) } })).rejects.toMatchObject({ code: "P2002" });
  const counts = await Promise.all([
    prisma.person.count(), prisma.team.count(), prisma.touchpoint.count(), prisma.account.count(), prisma.answer.count(),
    prisma.goal.count(), prisma.detractorCase.count(), prisma.story.count(), prisma.channelBinding.count(),
    prisma.teamsConversation.count(), prisma.outboxMessage.count(), prisma.jobRun.count(), prisma.handledDelivery.count(),
  ]);
  expect(counts).toEqual(new Array(13).fill(1));
}

function stripIds(a: { source: string; externalId: string; score: number; answeredAt: Date; contentHash: string }) {
  return { source: a.source, externalId: a.externalId, score: a.score, answeredAt: a.answeredAt, contentHash: a.contentHash };
}
