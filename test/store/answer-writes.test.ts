// Prisma's SQLite adapter has one connection; the gate (sqlite-gate.ts) makes statements outside a
// transaction wait while one is open, instead of landing inside it. Answers are written on the
// answer writer's own connection (answer-writer-sqlite.ts), in the same turns, and must read back
// through Prisma exactly as written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NormalizedAnswer } from "../../src/ingest/normalized-answer.ts";
import { AnswerStore } from "../../src/store/answers.ts";
import { migratedDatabase } from "../support/databases.ts";

const answer = (id: string, score: number, extra: Partial<NormalizedAnswer> = {}): NormalizedAnswer => ({
  source: "api", externalId: id, score, ces: null, comment: null, customerName: null, customerEmail: null, customerAccount: null,
  teamSlug: "support", touchpoint: "telefon", language: "da", consentToShare: false, answeredAt: new Date("2026-11-27T08:00:00Z"), ...extra,
});
const RECEIVED = new Date("2026-11-28T09:00:00Z");
const RECENT = { followUpFrom: new Date("2026-11-01T00:00:00Z") };

describe("answer writes next to Prisma's SQLite connection", () => {
  let env: Awaited<ReturnType<typeof migratedDatabase>>;
  let shared: AnswerStore;

  beforeAll(async () => {
    env = await migratedDatabase("sqlite");
    shared = new AnswerStore(env.db.prisma);
  });
  afterAll(() => env.dispose());

  it("a row the answer writer writes is what Prisma reads, ids and follow-ups included", async () => {
    const result = await shared.upsertBatch([answer("s1", 2), answer("s2", 9)], RECEIVED, RECENT);
    expect(result.created).toBe(2);
    const rows = await env.db.prisma.answer.findMany({ where: { externalId: { in: ["s1", "s2"] } }, include: { team: true, followUp: true }, orderBy: { externalId: "asc" } });
    expect(result.changes.map((c) => [c.externalId, c.answerId, c.queued])).toEqual(rows.map((r) => [r.externalId, r.id, r.followUp !== null]));
    expect(typeof result.changes[0]!.answerId).toBe("number");
    expect(rows.map((r) => [r.team?.slug, r.receivedAt.toISOString(), r.answeredAt.toISOString()])).toEqual([
      ["support", RECEIVED.toISOString(), "2026-11-27T08:00:00.000Z"],
      ["support", RECEIVED.toISOString(), "2026-11-27T08:00:00.000Z"],
    ]);
  });

  it.each([
    ["a delivery (with a follow-up)", (tag: string) => shared.upsertBatch([answer(tag, 0)], RECEIVED, RECENT).then(() => {})],
    ["a delivery (no follow-up)", (tag: string) => shared.upsertBatch([answer(tag, 8)], RECEIVED).then(() => {})],
    ["a plain Prisma write", (tag: string) => env.db.prisma.touchpoint.create({ data: { name: tag } }).then(() => {})],
  ])("while a Prisma transaction is open, %s waits its turn instead of joining it (the rollback keeps it)", async (_, write) => {
    const tag = `during-${Math.random().toString(36).slice(2, 8)}`;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const transaction = env.db.prisma.$transaction(async (tx) => {
      await tx.team.create({ data: { slug: `rolled-back-${tag}`, name: "Rolled back" } });
      entered();
      await held;
      throw new Error("roll back");
    }).catch((error: Error) => error.message);
    await inside;
    let done = false;
    const writing = write(tag).then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(done).toBe(false); // waiting, not written inside the transaction
    release();
    expect(await transaction).toBe("roll back");
    await writing;
    const kept = (await env.db.prisma.answer.count({ where: { externalId: tag } })) + (await env.db.prisma.touchpoint.count({ where: { name: tag } }));
    expect(kept).toBe(1);
    expect(await env.db.prisma.team.count({ where: { slug: `rolled-back-${tag}` } })).toBe(0);
  });

  it("a delivery naming stored answers compares them: new ones created, edits updated, the same unchanged", async () => {
    const again = await shared.upsertBatch([answer("s1", 2), answer("s3", 10), answer("s2", 7)], RECEIVED, RECENT);
    expect([again.created, again.updated, again.unchanged]).toEqual([1, 1, 1]);
    const same = await shared.upsertBatch([answer("p1", 5), answer("s3", 10)], RECEIVED, RECENT);
    expect([same.created, same.updated, same.unchanged]).toEqual([1, 0, 1]);
  });

  it("the answer writer's connection is its own: Prisma disconnecting and reconnecting does not touch it", async () => {
    const other = await migratedDatabase("sqlite");
    try {
      const store = new AnswerStore(other.db.prisma);
      await store.upsertBatch([answer("c1", 3)], RECEIVED);
      await other.db.prisma.$disconnect();
      expect((await store.upsertBatch([answer("c2", 3)], RECEIVED)).created).toBe(1);
      expect(await other.db.prisma.answer.count()).toBe(2); // Prisma connects again and sees both
    } finally {
      await other.dispose();
    }
  });
});
