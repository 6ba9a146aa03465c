import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { backoffMs, OutboxWorker } from "../../src/jobs/outbox-worker.ts";
import { silentLogger } from "../../src/logger.ts";
import type { Message } from "../../src/messages/model.ts";
import { PermanentDeliveryError, RetryableDeliveryError, type Deliverer, type Delivery } from "../../src/services/outbox/deliverer.ts";
import { OutboxStore } from "../../src/store/outbox.ts";
import { migratedDatabase, PROVIDERS } from "../support/databases.ts";

const message: Message = { kind: "digest", lang: "da", summary: "Hej", blocks: [{ type: "text", text: "Hej" }] };

/** A recording deliverer whose next outcomes a test scripts (an in-memory stand-in for a face). */
class ScriptedDeliverer implements Deliverer {
  readonly platform = "slack" as const;
  delivered: Delivery[] = [];
  outcomes: (Error | "ok")[] = [];
  findDelivered?: Deliverer["findDelivered"];
  async deliver(d: Delivery) {
    const next = this.outcomes.shift() ?? "ok";
    if (next !== "ok") throw next;
    this.delivered.push(d);
    return { remoteId: `ts-${this.delivered.length}` };
  }
}

describe.each(PROVIDERS)("outbox on %s", (provider) => {
  let env: Awaited<ReturnType<typeof migratedDatabase>>;
  let store: OutboxStore;
  let clock: Date;
  const now = () => clock;
  beforeAll(async () => {
    env = await migratedDatabase(provider);
    store = new OutboxStore(env.db.prisma);
  });
  afterAll(async () => env.dispose());
  beforeEach(async () => {
    await env.db.prisma.outboxMessage.deleteMany();
    clock = new Date("2026-11-30T07:30:00Z");
  });

  it("a key is enqueued once and delivered once", async () => {
    const slack = new ScriptedDeliverer();
    expect(await store.enqueue({ key: "digest:support:C1:2026-11-30", platform: "slack", target: "C1", kind: "digest", message }, clock)).toBe(true);
    expect(await store.enqueue({ key: "digest:support:C1:2026-11-30", platform: "slack", target: "C1", kind: "digest", message }, clock)).toBe(false);
    const worker = new OutboxWorker(store, { slack }, silentLogger, { now });
    expect(await worker.runOnce()).toBe(1);
    expect(await worker.runOnce()).toBe(0);
    expect(slack.delivered.map((d) => [d.key, d.target])).toEqual([["digest:support:C1:2026-11-30", "C1"]]);
    const [row] = await store.list({ state: "sent" });
    expect(row?.remoteId).toBe("ts-1");
  });

  it("honours Retry-After, backs off, and succeeds later", async () => {
    const slack = new ScriptedDeliverer();
    slack.outcomes = [new RetryableDeliveryError("ratelimited", 30_000), new Error("socket hang up")];
    await store.enqueue({ key: "k", platform: "slack", target: "C1", kind: "alert", message }, clock);
    const worker = new OutboxWorker(store, { slack }, silentLogger, { now, random: () => 0, baseDelayMs: 1000 });
    await worker.runOnce();
    clock = new Date(clock.getTime() + 29_000);
    expect(await worker.runOnce()).toBe(0); // Retry-After not over yet
    clock = new Date(clock.getTime() + 1_000);
    expect(await worker.runOnce()).toBe(1); // network error: backoff 2nd attempt = 1 s (jitter 0 → half of 2 s)
    clock = new Date(clock.getTime() + 999);
    expect(await worker.runOnce()).toBe(0);
    clock = new Date(clock.getTime() + 1);
    expect(await worker.runOnce()).toBe(1);
    expect(slack.delivered).toHaveLength(1);
    expect((await store.list({ state: "sent" }))[0]?.attempts).toBe(3);
  });

  it("dead-letters at once on a permanent error, and after the attempt cap; --retry queues them again", async () => {
    const slack = new ScriptedDeliverer();
    slack.outcomes = [new PermanentDeliveryError("channel_not_found"), new RetryableDeliveryError("5xx"), new RetryableDeliveryError("5xx")];
    await store.enqueue({ key: "a", platform: "slack", target: "C404", kind: "alert", message }, clock);
    await store.enqueue({ key: "b", platform: "slack", target: "C1", kind: "alert", message }, clock);
    const worker = new OutboxWorker(store, { slack }, silentLogger, { now, maxAttempts: 2, random: () => 0 });
    await worker.runOnce();
    clock = new Date(clock.getTime() + 60_000);
    await worker.runOnce();
    const dead = await store.list({ state: "dead" });
    expect(dead.map((d) => [d.key, d.lastError])).toEqual([["a", "channel_not_found"], ["b", "5xx"]]);
    expect(await store.retryDead(clock)).toBe(2);
    await worker.runOnce();
    expect(slack.delivered.map((d) => d.key).sort()).toEqual(["a", "b"]);
  });

  it("a message for a face that is not configured is dead-lettered with the reason", async () => {
    await store.enqueue({ key: "t", platform: "teams", target: "19:x", kind: "alert", message }, clock);
    await new OutboxWorker(store, {}, silentLogger, { now }).runOnce();
    expect((await store.list({ state: "dead" }))[0]?.lastError).toMatch(/no teams face/);
  });

  it("two workers on one database never deliver a message twice", async () => {
    const slack = new ScriptedDeliverer();
    for (let i = 0; i < 40; i++) await store.enqueue({ key: `m${i}`, platform: "slack", target: "C1", kind: "story", message }, clock);
    const a = new OutboxWorker(store, { slack }, silentLogger, { now, workerId: "a", batchSize: 5 });
    const b = new OutboxWorker(store, { slack }, silentLogger, { now, workerId: "b", batchSize: 5 });
    await Promise.all([a.runOnce(), b.runOnce(), a.runOnce(), b.runOnce()]);
    const keys = slack.delivered.map((d) => d.key);
    expect(keys).toHaveLength(40);
    expect(new Set(keys).size).toBe(40);
  });

  it("after a crash mid-delivery the lease expires and another worker delivers it — once, if the face can tell", async () => {
    const slack = new ScriptedDeliverer();
    await store.enqueue({ key: "crash", platform: "slack", target: "C1", kind: "digest", message }, clock);
    // Worker "dead" claims it, begins to send it and dies before recording anything.
    const claimed = await store.claimDue("dead", clock, 10, 60_000);
    expect(claimed).toHaveLength(1);
    expect(await store.beginAttempt(claimed[0]!.id, "dead", clock, 60_000)).toBe(true);
    const survivor = new OutboxWorker(store, { slack }, silentLogger, { now, workerId: "survivor" });
    expect(await survivor.runOnce()).toBe(0); // lease still held
    clock = new Date(clock.getTime() + 61_000);
    let asked = 0;
    slack.findDelivered = async () => {
      asked++;
      return { remoteId: "ts-earlier" };
    };
    expect(await survivor.runOnce()).toBe(1);
    expect(asked).toBe(1);
    expect(slack.delivered).toHaveLength(0); // it had arrived: not posted again
    expect((await store.list({ state: "sent" }))[0]?.remoteId).toBe("ts-earlier");
    // A late write by the dead worker cannot overwrite the outcome.
    expect(await store.markSent(claimed[0]!.id, "dead", "ts-late", clock)).toBe(false);
  });
});

describe("a timed-out attempt", () => {
  it("is checked with the face before it is sent again", async () => {
    const env = await migratedDatabase("sqlite");
    try {
      const store = new OutboxStore(env.db.prisma);
      let clock = new Date("2026-11-30T07:30:00Z");
      const slack = new ScriptedDeliverer();
      slack.outcomes = [new RetryableDeliveryError("slack request failed: timeout", undefined, true)];
      const asked: string[] = [];
      slack.findDelivered = async (d) => {
        asked.push(d.key);
        return { remoteId: "ts-arrived" };
      };
      await store.enqueue({ key: "t1", platform: "slack", target: "C1", kind: "digest", message }, clock);
      const worker = new OutboxWorker(store, { slack }, silentLogger, { now: () => clock, random: () => 0 });
      await worker.runOnce();
      expect(asked).toEqual([]);
      clock = new Date(clock.getTime() + 60_000);
      await worker.runOnce();
      expect(asked).toEqual(["t1"]);
      expect(slack.delivered).toHaveLength(0);
      expect((await store.list({ state: "sent" }))[0]?.remoteId).toBe("ts-arrived");
    } finally {
      await env.dispose();
    }
  });
});

it("backoff grows exponentially, is capped, and jitters between half and all", () => {
  expect(backoffMs(1, 1000, 60_000, () => 0)).toBe(500);
  expect(backoffMs(1, 1000, 60_000, () => 1)).toBe(1000);
  expect(backoffMs(4, 1000, 60_000, () => 1)).toBe(8000);
  expect(backoffMs(20, 1000, 60_000, () => 1)).toBe(60_000);
});
