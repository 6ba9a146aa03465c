// Group commit (services/ingest-service.ts): deliveries arriving together are written in groups —
// on PostgreSQL several groups at once — yet each delivery gets its own counts, and deliveries
// naming the same answer take effect in arrival order, as if written one after the other.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnswerRecord } from "../../src/core/answer-record.ts";
import { AnswerStore } from "../../src/store/answers.ts";
import { IngestService } from "../../src/services/ingest-service.ts";
import { migratedDatabase, PROVIDERS } from "../support/databases.ts";

const answer = (id: string, score: number): AnswerRecord => ({
  source: "api", externalId: id, score, ces: null, comment: null, customerName: null, customerEmail: null, customerAccount: null,
  teamSlug: "support", touchpoint: "telefon", language: "da", consentToShare: false, answeredAt: new Date("2026-11-27T08:00:00Z"),
});

describe.each(PROVIDERS)("group commit on %s", (provider) => {
  let env: Awaited<ReturnType<typeof migratedDatabase>>;
  let ingest: IngestService;

  beforeAll(async () => {
    env = await migratedDatabase(provider);
    ingest = new IngestService(new AnswerStore(env.db.prisma), 14);
  });
  afterAll(() => env.dispose());

  it("a burst of deliveries: each its own counts; edits of one answer in arrival order", async () => {
    const distinct = Array.from({ length: 60 }, (_, i) => ingest.store([answer(`burst-${i}`, i % 11)]));
    // Interleaved with the burst: the same answer three times, each an edit of the one before.
    const edits = [3, 7, 10].map((score, i) => ingest.store([answer("edited", score), answer(`with-edit-${i}`, 5)]));
    const results = await Promise.all([...distinct, ...edits]);
    expect(results.slice(0, 60).map((r) => [r.created, r.updated, r.unchanged])).toEqual(Array.from({ length: 60 }, () => [1, 0, 0]));
    expect(results.slice(60).map((r) => [r.created, r.updated, r.unchanged])).toEqual([[2, 0, 0], [1, 1, 0], [1, 1, 0]]);
    expect((await env.db.prisma.answer.findFirstOrThrow({ where: { externalId: "edited" } })).score).toBe(10);
    expect(await env.db.prisma.answer.count()).toBe(64);
  });

  it("big deliveries in separate groups (on PostgreSQL written at once): an edit still waits for the answer it edits", async () => {
    const batch = (prefix: string, score: number) => Array.from({ length: 1_200 }, (_, i) => answer(`${prefix}-${i}`, score));
    const [a, b, c] = await Promise.all([
      ingest.store(batch("big-a", 2)),
      ingest.store(batch("big-b", 3)),
      ingest.store([...batch("big-c", 4), answer("big-a-7", 9)]), // edits one of a's
    ]);
    expect([a, b, c].map((r) => [r.created, r.updated, r.unchanged])).toEqual([[1_200, 0, 0], [1_200, 0, 0], [1_200, 1, 0]]);
    expect((await env.db.prisma.answer.findFirstOrThrow({ where: { externalId: "big-a-7" } })).score).toBe(9);
  });

  it("a delivery repeating one already stored is unchanged, whichever group it lands in", async () => {
    const again = await Promise.all([ingest.store([answer("burst-1", 1)]), ingest.store([answer("fresh", 4)]), ingest.store([answer("burst-2", 2)])]);
    expect(again.map((r) => [r.created, r.updated, r.unchanged])).toEqual([[0, 0, 1], [1, 0, 0], [0, 0, 1]]);
  });
});
