// The answer follow-up queue: written with the answer, handled off the request path, once per
// version, retried on failure, shared by replicas — on both databases.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FollowUpWorker, type FollowUpHandler } from "../../src/jobs/follow-up-worker.ts";
import type { NormalizedAnswer } from "../../src/ingest/normalized-answer.ts";
import { silentLogger } from "../../src/logger.ts";
import { IngestService } from "../../src/services/ingest-service.ts";
import { AnswerStore, type StoredChange } from "../../src/store/answers.ts";
import { FollowUpStore } from "../../src/store/follow-ups.ts";
import { migratedDatabase, PROVIDERS } from "../support/databases.ts";
import { waitUntil } from "../replicas/support.ts";

const NOW = new Date("2026-11-30T08:00:00Z");
const DAY = 86_400_000;

const answer = (id: string, score: number, extra: Partial<NormalizedAnswer> = {}): NormalizedAnswer => ({
  source: "api", externalId: id, score, ces: null, comment: null, customerName: null, customerEmail: null, customerAccount: null,
  teamSlug: null, touchpoint: null, language: null, consentToShare: false, answeredAt: new Date(NOW.getTime() - 60_000), ...extra,
});

describe.each(PROVIDERS)("answer follow-ups on %s", (provider) => {
  let env: Awaited<ReturnType<typeof migratedDatabase>>;
  let answers: AnswerStore;
  let queue: FollowUpStore;
  let seen: StoredChange[];
  const recording: FollowUpHandler = async (change) => void seen.push(change);

  beforeAll(async () => {
    env = await migratedDatabase(provider);
    answers = new AnswerStore(env.db.prisma);
    queue = new FollowUpStore(env.db.prisma);
  });
  afterAll(async () => env.dispose());
  beforeEach(async () => {
    seen = [];
    await env.db.prisma.answerFollowUp.deleteMany();
    await env.db.prisma.answer.deleteMany();
  });

  it("recent answers are queued with the answer and the worker is woken; history is not queued", async () => {
    let wakes = 0;
    const ingest = new IngestService(answers, 14, () => wakes++);
    const result = await ingest.store([answer("new", 2), answer("old", 0, { answeredAt: new Date(NOW.getTime() - 30 * DAY) })], NOW);
    expect(result.created).toBe(2);
    expect(wakes).toBe(1);
    const rows = await env.db.prisma.answerFollowUp.findMany({ include: { answer: true } });
    expect(rows.map((r) => [r.answer.externalId, r.kind])).toEqual([["new", "created"]]);
    // An import of old history only: nothing queued, nobody woken.
    await ingest.store([answer("older", 1, { answeredAt: new Date(NOW.getTime() - 60 * DAY) })], NOW);
    expect(wakes).toBe(1);
    expect(await queue.pending()).toBe(1);
  });

  it("only answers a habit could act on are queued when new; an edit is always queued", async () => {
    let wakes = 0;
    const ingest = new IngestService(answers, 14, () => wakes++, (a) => a.score <= 6 || (a.score >= 9 && a.comment !== null));
    await ingest.store([answer("only-passive", 7)], NOW);
    expect(wakes).toBe(0); // nothing queued, nobody woken
    await ingest.store([answer("passive", 8), answer("quiet-promoter", 10), answer("story", 10, { comment: "Tak!" }), answer("detractor", 2)], NOW);
    expect(wakes).toBe(1);
    const queued = async () => (await env.db.prisma.answerFollowUp.findMany({ include: { answer: true } })).map((r) => r.answer.externalId).sort();
    expect(await queued()).toEqual(["detractor", "story"]);
    await ingest.store([answer("passive", 8, { comment: "edited" })], NOW);
    expect(await queued()).toEqual(["detractor", "passive", "story"]);
  });

  it("a batch larger than one statement queues every fresh answer in the same transaction", async () => {
    const batch = Array.from({ length: 1_200 }, (_, i) => answer(`b${i}`, i % 11, i % 2 ? {} : { answeredAt: new Date(NOW.getTime() - 40 * DAY) }));
    await new IngestService(answers, 14).store(batch, NOW);
    expect(await queue.pending()).toBe(600);
  });

  it("the worker hands each change to every handler once and empties the queue", async () => {
    const ingest = new IngestService(answers, 14);
    await ingest.store([answer("d", 3), answer("p", 10)], NOW);
    const other: number[] = [];
    const worker = new FollowUpWorker(queue, [recording, async (c) => void other.push(c.answerId)], silentLogger, { now: () => NOW });
    expect(await worker.runOnce()).toBe(2);
    expect(seen.map((c) => [c.kind, c.score])).toEqual([["created", 3], ["created", 10]]);
    expect(other).toEqual(seen.map((c) => c.answerId));
    expect(await queue.pending()).toBe(0);
    expect(await worker.runOnce()).toBe(0);
  });

  it("an edit re-queues the answer as updated; an edit while it is handled is handled again afterwards", async () => {
    const ingest = new IngestService(answers, 14);
    await ingest.store([answer("e", 3)], NOW);
    let editedMeanwhile = false;
    const worker = new FollowUpWorker(queue, [async (change) => {
      seen.push(change);
      if (!editedMeanwhile) {
        editedMeanwhile = true;
        await ingest.store([answer("e", 9)], NOW); // the customer lifts the score while we work
      }
    }], silentLogger, { now: () => NOW });
    await worker.runOnce();
    expect(seen.map((c) => [c.kind, c.score])).toEqual([["created", 3], ["created", 9]]);
    expect(await queue.pending()).toBe(0);
    await ingest.store([answer("e", 10)], NOW);
    await worker.runOnce();
    expect(seen.at(-1)).toMatchObject({ kind: "updated", score: 10 });
  });

  it("a failing follow-up stays queued, is retried after a delay, and is given up after the last attempt", async () => {
    await new IngestService(answers, 14).store([answer("f", 1)], NOW);
    let clock = NOW;
    let failures = 0;
    const errors: string[] = [];
    const log = { ...silentLogger, error: (m: string) => void errors.push(m) };
    const worker = new FollowUpWorker(queue, [async () => {
      failures++;
      throw new Error("database busy");
    }], log, { now: () => clock, maxAttempts: 3, retryDelayMs: 1_000 });
    await worker.runOnce();
    expect([failures, await queue.pending()]).toEqual([1, 1]);
    await worker.runOnce(); // not due yet
    expect(failures).toBe(1);
    for (let i = 0; i < 5; i++) {
      clock = new Date(clock.getTime() + 10_000);
      await worker.runOnce();
    }
    expect(failures).toBe(3);
    expect(await queue.pending()).toBe(0);
    expect(errors).toEqual([expect.stringContaining("failed 3 times; given up")]);
  });

  it("follow-ups left by a crashed process are picked up once its lease runs out", async () => {
    await new IngestService(answers, 14).store([answer("c1", 2), answer("c2", 9)], NOW);
    // The crashed process had claimed them and died before handling them.
    expect(await queue.claim(NOW, 10, 60_000)).toHaveLength(2);
    const worker = new FollowUpWorker(queue, [recording], silentLogger, { now: () => NOW });
    expect(await worker.runOnce()).toBe(0);
    const later = new FollowUpWorker(queue, [recording], silentLogger, { now: () => new Date(NOW.getTime() + 61_000) });
    expect(await later.runOnce()).toBe(2);
    expect(seen).toHaveLength(2);
  });

  it("a live worker's heartbeat keeps its batch past the first lease; stop() finishes the follow-up in hand and gives the rest back at once", async () => {
    await new IngestService(answers, 14).store([answer("h1", 2), answer("h2", 3), answer("h3", 4)], NOW);
    let clock = NOW;
    const now = () => clock;
    let release!: () => void;
    const inHand = new Promise<void>((resolve) => (release = resolve));
    let started = false;
    const slow: FollowUpHandler = async (change) => {
      if (change.score === 2) {
        started = true;
        await inHand; // A is busy with h1 for a while
      }
      seen.push(change);
    };
    const a = new FollowUpWorker(queue, [slow], silentLogger, { now, leaseMs: 300 }); // heartbeat every 100 ms
    const b = new FollowUpWorker(queue, [recording], silentLogger, { now });
    const passA = a.runOnce();
    await waitUntil("h1 to begin", () => started, 5_000);
    clock = new Date(NOW.getTime() + 250);
    const leaseEnds = async () => (await env.db.prisma.answerFollowUp.findMany()).map((r) => r.leaseUntil!.getTime());
    await waitUntil("the heartbeat", async () => (await leaseEnds()).every((t) => t === clock.getTime() + 300), 5_000); // renewed from the moved clock
    clock = new Date(NOW.getTime() + 400); // past the lease of the claim: the batch is still A's
    expect(await b.runOnce()).toBe(0);
    const stopped = a.stop();
    release();
    await stopped;
    expect(await passA).toBe(1);
    expect(seen.map((c) => c.score)).toEqual([2]);
    const rest = await env.db.prisma.answerFollowUp.findMany();
    expect(rest.map((r) => [r.leasedBy, r.leaseUntil, r.attempts])).toEqual([[null, null, 0], [null, null, 0]]);
    expect(await b.runOnce()).toBe(2); // at once, no lease to wait out
    expect(seen.map((c) => c.score)).toEqual([2, 3, 4]);
  });

  it("two replicas draining one queue at once handle every follow-up exactly once", async () => {
    const batch = Array.from({ length: 300 }, (_, i) => answer(`r${i}`, i % 11));
    await new IngestService(answers, 14).store(batch, NOW);
    const handledBy = new Map<number, string>();
    const duplicates: number[] = [];
    const replica = (name: string) =>
      new FollowUpWorker(new FollowUpStore(env.db.prisma), [async (c) => {
        if (handledBy.has(c.answerId)) duplicates.push(c.answerId);
        handledBy.set(c.answerId, name);
        await new Promise((r) => setImmediate(r));
      }], silentLogger, { now: () => NOW, batchSize: 25 });
    await Promise.all([replica("a").runOnce(), replica("b").runOnce()]);
    expect(duplicates).toEqual([]);
    expect(handledBy.size).toBe(300);
    expect(await queue.pending()).toBe(0);
  });

  it("once started, storing wakes the worker (kicks during a pass are not lost); unstarted or stopped, nothing runs", async () => {
    // A pass begins with a claim, started within kick() itself: by the time store() has answered,
    // a woken worker has claimed. So "nothing runs" is seen at once, with no wait.
    let claims = 0;
    class CountingQueue extends FollowUpStore {
      override claim(...args: Parameters<FollowUpStore["claim"]>) {
        claims++;
        return super.claim(...args);
      }
    }
    const worker = new FollowUpWorker(new CountingQueue(env.db.prisma), [recording], silentLogger, { now: () => NOW, sweepMs: 60_000 });
    const ingest = new IngestService(answers, 14, () => worker.kick());
    await ingest.store([answer("before-start", 1)], NOW); // a one-shot CLI command: left for the bot
    expect([claims, seen.length, await queue.pending()]).toEqual([0, 0, 1]);
    worker.start();
    for (let i = 0; i < 4; i++) await Promise.all(Array.from({ length: 5 }, (_, j) => ingest.store([answer(`k${i}-${j}`, j)], NOW)));
    await waitUntil("the woken worker to empty the queue", async () => (await queue.pending()) === 0, 5_000);
    expect(seen).toHaveLength(21);
    // Started and idle, a store wakes it before store() answers (the claim the stopped worker must not make).
    await worker.drain(); // idle: no pass in hand that would take the answer later instead
    const before = claims;
    await ingest.store([answer("while-started", 1)], NOW);
    expect(claims).toBeGreaterThan(before);
    await waitUntil("the worker to handle it", () => seen.length === 22, 5_000);
    await worker.stop();
    const atStop = claims;
    await ingest.store([answer("after-stop", 1)], NOW);
    expect(claims).toBe(atStop);
    expect(seen).toHaveLength(22);
    expect(await queue.pending()).toBe(1);
  });

  it("group commit: concurrent deliveries share a write, each with its own counts; one bad delivery fails alone", async () => {
    const calls: number[] = [];
    class CountingStore extends AnswerStore {
      override async upsertBatch(...args: Parameters<AnswerStore["upsertBatch"]>) {
        calls.push(args[0].length);
        if (args[0].some((a) => a.externalId === "poison")) throw new Error("refused by the database");
        return super.upsertBatch(...args);
      }
    }
    const ingest = new IngestService(new CountingStore(env.db.prisma), 14);
    const singles = await Promise.all(Array.from({ length: 30 }, (_, i) => ingest.store([answer(`g${i}`, i % 11)], NOW)));
    expect(singles.every((r) => r.created === 1 && r.updated === 0 && r.unchanged === 0 && r.changes.length === 1)).toBe(true);
    expect(new Set(singles.map((r) => r.changes[0]!.answerId)).size).toBe(30);
    expect(calls.length).toBeLessThan(30); // written in groups
    expect(await env.db.prisma.answer.count()).toBe(30);

    // The same answer twice at once: as if one after the other (created, then updated).
    const [first, second] = await Promise.all([ingest.store([answer("same", 3)], NOW), ingest.store([answer("same", 4)], NOW)]);
    expect([first.created, second.updated]).toEqual([1, 1]);
    expect((await env.db.prisma.answer.findFirstOrThrow({ where: { externalId: "same" } })).score).toBe(4);

    const outcomes = await Promise.allSettled([
      ingest.store([answer("ok-1", 9)], NOW), ingest.store([answer("poison", 1), answer("with-poison", 2)], NOW), ingest.store([answer("ok-2", 9), answer("ok-2", 10)], NOW),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(outcomes[2]).toMatchObject({ value: { created: 1, unchanged: 1 } });
    expect(await env.db.prisma.answer.count({ where: { externalId: { in: ["ok-1", "ok-2", "poison", "with-poison"] } } })).toBe(2);
  });
  it("while answers stream in, follow-ups pause between items but still all run", async () => {
    await new IngestService(answers, 14).store(Array.from({ length: 5 }, (_, i) => answer(`busy${i}`, 2)), NOW);
    let asked = 0;
    const worker = new FollowUpWorker(queue, [recording], silentLogger, { now: () => NOW, busy: () => (asked++, true), pauseMs: 1 });
    expect(await worker.runOnce()).toBe(5);
    expect(seen).toHaveLength(5);
    expect(asked).toBe(5);
  });
});

// Measured with the defaults (lease 10 s, sweep 5 s), on PostgreSQL, the replicas' database: the
// rows of a process that died right after its claim (no heartbeat any more) run on a live worker
// within a lease and a sweep.
describe("follow-ups of a dead replica, default lease and sweep", () => {
  it("are run by a live worker within a lease and a sweep (10 s + 5 s, 2 s to spare)", async () => {
    const env = await migratedDatabase("postgres");
    const ran: number[] = [];
    const worker = new FollowUpWorker(new FollowUpStore(env.db.prisma), [async (c) => void ran.push(c.answerId)], silentLogger);
    try {
      await new IngestService(new AnswerStore(env.db.prisma), 14).store([answer("dead-1", 2), answer("dead-2", 1)], NOW);
      const diedAt = Date.now();
      expect(await new FollowUpStore(env.db.prisma).claim(new Date(diedAt), 100, 10_000)).toHaveLength(2); // the dead replica's claim
      worker.start();
      await waitUntil("both follow-ups run", () => ran.length === 2, 20_000);
      const recoveredIn = Date.now() - diedAt;
      expect(recoveredIn).toBeGreaterThanOrEqual(10_000); // not before the lease was over
      expect(recoveredIn, `recovered in ${recoveredIn} ms`).toBeLessThan(17_000);
      if (process.env.KUNDEPULS_PRINT_RECOVERY) process.stdout.write(`follow-ups recovered after ${recoveredIn} ms\n`);
    } finally {
      await worker.stop();
      await env.dispose();
    }
  }, 30_000);
});
