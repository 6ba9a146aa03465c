// A worker claims a batch at once but sends it one message after another. Each message's lease
// is restarted when its turn comes, so a slow batch cannot let another replica take over a
// message that is about to be sent; and a message another replica did take over (its lease ran
// out before its turn) is left to that replica. While a replica is alive its heartbeat renews the
// leases of the batch it holds, so nothing is taken from it. In-process, with a clock the test moves.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { OutboxWorker } from "../../src/jobs/outbox-worker.ts";
import { silentLogger } from "../../src/logger.ts";
import type { Message } from "../../src/messages/model.ts";
import type { Deliverer, Delivery } from "../../src/services/outbox/deliverer.ts";
import { OutboxStore } from "../../src/store/outbox.ts";
import { migratedDatabase, PROVIDERS } from "../support/databases.ts";
import { waitUntil } from "./support.ts";

const message: Message = { kind: "digest", lang: "da", summary: "Hej", blocks: [{ type: "text", text: "Hej" }] };
const LEASE_MS = 60_000;

/** Records who sent what; `during` runs inside a send (time passes, another replica acts). */
class Recorder implements Deliverer {
  readonly platform = "slack" as const;
  constructor(private readonly name: string, private readonly sent: string[], private readonly during: (d: Delivery) => Promise<void> = async () => {}) {}
  async deliver(d: Delivery) {
    await this.during(d);
    this.sent.push(`${this.name}:${d.key}`);
    return { remoteId: `${this.name}-${d.key}` };
  }
}

describe.each(PROVIDERS)("outbox leases on %s", (provider) => {
  let env: Awaited<ReturnType<typeof migratedDatabase>>;
  let store: OutboxStore;
  let clock: Date;
  const now = () => clock;
  const later = (ms: number) => (clock = new Date(clock.getTime() + ms));
  beforeAll(async () => {
    env = await migratedDatabase(provider);
    store = new OutboxStore(env.db.prisma);
  });
  afterAll(async () => env.dispose());
  beforeEach(async () => {
    await env.db.prisma.outboxMessage.deleteMany();
    clock = new Date("2026-11-30T07:30:00Z");
    // three channels: one channel's messages go one at a time, in order (see delivery-order tests)
    for (const [i, key] of ["m1", "m2", "m3"].entries()) await store.enqueue({ key, platform: "slack", target: `C${i + 1}`, kind: "digest", message }, clock);
  });

  it("a slow batch keeps the message being sent; the one whose lease ran out before its turn goes to the replica that took it", async () => {
    const sent: string[] = [];
    const b = new OutboxWorker(store, { slack: new Recorder("B", sent) }, silentLogger, { now, workerId: "B", leaseMs: LEASE_MS });
    const a = new OutboxWorker(store, { slack: new Recorder("A", sent, async (d) => {
      if (d.key === "m1") later(40_000); // A claimed m1–m3 at 0 s; sending m1 takes 40 s
      if (d.key === "m2") {
        later(30_000); // now 70 s: m3's lease from the claim (60 s) is over; m2's, restarted at 40 s, is not
        expect(await b.runOnce()).toBe(1); // B runs meanwhile: it may take m3 only
      }
    }) }, silentLogger, { now, workerId: "A", leaseMs: LEASE_MS });

    await a.runOnce();
    expect(sent).toEqual(["A:m1", "B:m3", "A:m2"]); // B sent m3 while A was sending m2; A then skipped m3
    const rows = await store.list({});
    expect(rows.map((r) => [r.key, r.state, r.remoteId])).toEqual([["m1", "sent", "A-m1"], ["m2", "sent", "A-m2"], ["m3", "sent", "B-m3"]]);
  });

  it("a message whose lease ran out but that nobody took is still sent, once, by the worker that claimed it", async () => {
    const sent: string[] = [];
    const a = new OutboxWorker(store, { slack: new Recorder("A", sent, async (d) => void (d.key === "m1" && later(90_000))) }, silentLogger, { now, workerId: "A", leaseMs: LEASE_MS });
    await a.runOnce();
    expect(sent).toEqual(["A:m1", "A:m2", "A:m3"]);
    expect(await a.runOnce()).toBe(0);
  });

  it("while a replica is alive (one send taking longer than a lease), its heartbeat keeps the whole batch its own", async () => {
    const sent: string[] = [];
    let finish!: () => void;
    let sending = false;
    const a = new OutboxWorker(store, { slack: new Recorder("A", sent, async (d) => {
      if (d.key !== "m1") return;
      sending = true;
      await new Promise<void>((resolve) => (finish = resolve));
    }) }, silentLogger, { now, workerId: "A", leaseMs: 300 }); // heartbeat every 100 ms (real time)
    const b = new OutboxWorker(store, { slack: new Recorder("B", sent) }, silentLogger, { now, workerId: "B", leaseMs: 300 });
    const pass = a.runOnce();
    await waitUntil("the send to begin", () => sending, 5_000);
    later(250);
    const leaseEnds = async () => (await env.db.prisma.outboxMessage.findMany()).map((r) => r.lockedUntil?.getTime());
    await waitUntil("the heartbeat", async () => (await leaseEnds()).every((t) => t === clock.getTime() + 300), 5_000); // renewed from the moved clock
    later(150); // past every lease of the claim and of m1's send: still A's
    expect(await b.runOnce()).toBe(0);
    finish();
    expect(await pass).toBe(3);
    expect(sent).toEqual(["A:m1", "A:m2", "A:m3"]);
  });

  it("beginAttempt restarts the lease only for the worker holding the message", async () => {
    const [m1] = await store.claimDue("A", clock, 1, LEASE_MS);
    later(30_000);
    expect(await store.beginAttempt(m1!.id, "B", clock, LEASE_MS)).toBe(false);
    expect(await store.beginAttempt(m1!.id, "A", clock, LEASE_MS)).toBe(true);
    later(45_000); // 75 s after the claim, 45 s after the renewal: still A's
    expect(await store.claimDue("B", clock, 10, LEASE_MS).then((c) => c.map((m) => m.key))).toEqual(["m2", "m3"]);
    await store.markSent(m1!.id, "A", "ts-1", clock);
    expect(await store.beginAttempt(m1!.id, "A", clock, LEASE_MS)).toBe(false); // sent: nothing to hold
  });
});
