// The outbox's "delete" kind on both databases: a deletion reaches the face with the earlier
// message's id and place; a face that cannot delete dead-letters it; and a message cancelled while
// it was being sent (its customer forgotten meanwhile) is deleted right after it arrives.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { OutboxWorker } from "../../src/jobs/outbox-worker.ts";
import { silentLogger } from "../../src/logger.ts";
import type { Message } from "../../src/messages/model.ts";
import type { Deletion, Deliverer, Delivery } from "../../src/services/outbox/deliverer.ts";
import { deletionEntry, OutboxStore } from "../../src/store/outbox.ts";
import { migratedDatabase, PROVIDERS } from "../support/databases.ts";

const message: Message = { kind: "alert", lang: "da", summary: "Hej", blocks: [{ type: "text", text: "Hej" }] };

class Recorder implements Deliverer {
  readonly platform = "slack" as const;
  delivered: Delivery[] = [];
  deleted: Deletion[] = [];
  /** runs while a message is being posted (after it reached the platform, before it is recorded) */
  whilePosting: () => Promise<void> = async () => {};
  async deliver(d: Delivery) {
    this.delivered.push(d);
    await this.whilePosting();
    return { remoteId: `ts-${this.delivered.length}` };
  }
  async delete(d: Deletion) {
    this.deleted.push(d);
  }
}

describe.each(PROVIDERS)("outbox deletions on %s", (provider) => {
  let env: Awaited<ReturnType<typeof migratedDatabase>>;
  let store: OutboxStore;
  const clock = new Date("2026-11-30T07:30:00Z");
  beforeAll(async () => {
    env = await migratedDatabase(provider);
    store = new OutboxStore(env.db.prisma);
  });
  afterAll(async () => env.dispose());
  beforeEach(async () => void (await env.db.prisma.outboxMessage.deleteMany()));

  const sentEarlier = () => env.db.prisma.outboxMessage.create({ data: {
    key: "alert:1:slack:U0LEAD", platform: "slack", target: "U0LEAD", kind: "alert", payload: "{}", state: "erased", remoteId: "1700000000.000100", threadOf: "1699999999.000001",
  } });

  it("a deletion reaches the face with the message's id, target and thread, once", async () => {
    const slack = new Recorder();
    await env.db.prisma.outboxMessage.create({ data: deletionEntry(await sentEarlier(), clock) });
    const worker = new OutboxWorker(store, { slack }, silentLogger, { now: () => clock });
    expect(await worker.runOnce()).toBe(1);
    expect(await worker.runOnce()).toBe(0);
    expect(slack.deleted).toEqual([{ platform: "slack", target: "U0LEAD", remoteId: "1700000000.000100", threadOf: "1699999999.000001" }]);
    expect(slack.delivered).toEqual([]);
  });

  it("a face that cannot delete dead-letters the deletion (visible in outbox --failed)", async () => {
    const slack: Deliverer = { platform: "slack", deliver: async () => ({ remoteId: "x" }) };
    await env.db.prisma.outboxMessage.create({ data: deletionEntry(await sentEarlier(), clock) });
    await new OutboxWorker(store, { slack }, silentLogger, { now: () => clock }).runOnce();
    const [dead] = await store.list({ state: "dead" });
    expect(dead?.lastError).toBe("the slack face cannot delete messages");
  });

  it("cancelled while being sent: recorded as erased and deleted in the same pass", async () => {
    const slack = new Recorder();
    await store.enqueue({ key: "alert:2:slack:C1", platform: "slack", target: "C1", kind: "alert", message }, clock);
    // what a forget does to a waiting message, happening while the worker posts it
    slack.whilePosting = async () => void (await env.db.prisma.outboxMessage.updateMany({ where: { key: "alert:2:slack:C1" }, data: { state: "cancelled", payload: "{}" } }));
    await new OutboxWorker(store, { slack }, silentLogger, { now: () => clock }).runOnce();
    expect(slack.deleted).toEqual([{ platform: "slack", target: "C1", remoteId: "ts-1", threadOf: null }]);
    const rows = await env.db.prisma.outboxMessage.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.key, r.state, r.remoteId])).toEqual([["alert:2:slack:C1", "erased", "ts-1"], [`delete:${rows[0]!.id}`, "sent", null]]);
  });
});
