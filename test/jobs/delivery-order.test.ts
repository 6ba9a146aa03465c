// Ordered, polite delivery on one database shared by two workers (two replicas in one process):
// a channel's messages leave in queue order; a 429 pauses the whole channel (or the workspace)
// for every replica, and no call goes into the window; a failure holds the channel until its
// retry; stop() gives back what was claimed but not begun. Against the fake Slack, and with a
// scripted face where the clock must be moved by the test.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { OUTBOX_EVENT_TYPE, SlackDeliverer } from "../../src/faces/slack/deliverer.ts";
import { createWebClient } from "../../src/faces/slack/web-client.ts";
import { OutboxWorker, type DeliveryEvent } from "../../src/jobs/outbox-worker.ts";
import { silentLogger } from "../../src/logger.ts";
import type { Message } from "../../src/messages/model.ts";
import { RetryableDeliveryError, type Deliverer, type Delivery } from "../../src/services/outbox/deliverer.ts";
import { OutboxStore } from "../../src/store/outbox.ts";
import { migratedDatabase, PROVIDERS } from "../support/databases.ts";
import { startFakeSlack, type FakeSlack, type PostedMessage } from "../support/fake-slack.ts";

const message: Message = { kind: "digest", lang: "da", summary: "Hej", blocks: [{ type: "text", text: "Hej" }] };
const keyOf = (m: PostedMessage) => (m.metadata?.event_type === OUTBOX_EVENT_TYPE ? String(m.metadata.event_payload.key) : null);

/** A face whose outcomes the test scripts per key; `hold` keeps a send open until released. */
class ScriptedFace implements Deliverer {
  readonly platform = "slack" as const;
  sent: string[] = [];
  failures = new Map<string, Error[]>();
  held = new Map<string, () => void>();
  private holds = new Set<string>();
  hold(key: string) {
    this.holds.add(key);
  }
  async deliver(d: Delivery) {
    const failure = this.failures.get(d.key!)?.shift();
    if (failure) throw failure;
    if (this.holds.delete(d.key!)) await new Promise<void>((resolve) => this.held.set(d.key!, resolve));
    this.sent.push(d.key!);
    return { remoteId: `r-${d.key}` };
  }
}

describe.each(PROVIDERS)("delivery order and rate limits on %s", (provider) => {
  let env: Awaited<ReturnType<typeof migratedDatabase>>;
  let store: OutboxStore;
  let fake: FakeSlack;
  beforeAll(async () => {
    env = await migratedDatabase(provider);
    store = new OutboxStore(env.db.prisma);
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await fake?.close();
    await env?.dispose();
  });
  beforeEach(async () => {
    await env.db.prisma.outboxMessage.deleteMany();
    await env.db.prisma.deliveryPause.deleteMany();
    fake.reset();
  });
  const enqueue = async (key: string, target: string, at = new Date()) =>
    store.enqueue({ key, platform: "slack", target, kind: "digest", message }, at);

  it("a 429 window on one channel: two replicas keep queue order, lose nothing, and call nothing into the window; other channels go on", async () => {
    const slack = () => new SlackDeliverer(createWebClient({ botToken: "xoxb-test", mode: "http", appToken: null, signingSecret: "s3cret-s3cret", apiUrl: fake.apiUrl }, silentLogger, true));
    const window = fake.rateLimitWindow({ channel: "C0LIMITED", seconds: 2 });
    const queued: string[] = [];
    for (let i = 1; i <= 6; i++) {
      queued.push(`limited-${i}`);
      await enqueue(`limited-${i}`, "C0LIMITED");
      if (i % 2 === 0) await enqueue(`free-${i}`, `C0FREE000${i}`);
    }
    const events: DeliveryEvent[] = [];
    const observe = (e: DeliveryEvent) => events.push(e);
    const workers = ["A", "B"].map((id) => new OutboxWorker(store, { slack: slack() }, silentLogger, { workerId: id, pollMs: 20, observe }));
    workers.forEach((w) => w.start());
    try {
      await fake.waitFor(() => fake.messages().length === 9, 15_000);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
    // Arrival order equals queue order, each once; Slack saw a single refused call.
    expect(fake.messagesIn("C0LIMITED").map(keyOf)).toEqual(queued);
    const toLimited = fake.callsTo("chat.postMessage").filter((c) => c.body.channel === "C0LIMITED");
    expect(toLimited.map((c) => c.response?.status)).toEqual([429, 200, 200, 200, 200, 200, 200]);
    // Nobody called into the window: the first call after the refused one came after its end.
    expect(window.intruders).toEqual([]);
    expect(toLimited[1]!.at).toBeGreaterThanOrEqual(window.end!);
    // The pause held the channel only: the other channels' messages went during the window.
    const free = fake.callsTo("chat.postMessage").filter((c) => c.body.channel !== "C0LIMITED");
    expect(free).toHaveLength(3);
    expect(free.every((c) => c.at < window.end!)).toBe(true);
    const rows = await store.list({});
    expect(rows.every((r) => r.state === "sent")).toBe(true);
    expect(rows.find((r) => r.key === "limited-1")?.attempts).toBe(1); // the refused call used no attempt
    expect(events.filter((e) => e.result === "rate_limited")).toEqual([{ platform: "slack", result: "rate_limited" }]);
    expect(events.filter((e) => e.result === "sent")).toHaveLength(9);
  }, 30_000);

  it("a workspace-wide 429 pauses every channel of the platform, for the other replica too", async () => {
    let clock = new Date("2026-12-01T09:00:00Z");
    const now = () => clock;
    const face = new ScriptedFace();
    face.failures.set("a1", [new RetryableDeliveryError("slack rate limit (conversations.history)", 30_000, false, "workspace")]);
    await enqueue("a1", "C1", clock);
    await enqueue("b1", "C2", clock);
    const a = new OutboxWorker(store, { slack: face }, silentLogger, { now, workerId: "A", batchSize: 1 });
    const b = new OutboxWorker(store, { slack: face }, silentLogger, { now, workerId: "B" });
    expect(await a.runOnce()).toBe(1); // a1 refused: the workspace is paused, so b1 (another channel) is not claimed either
    expect(await b.runOnce()).toBe(0);
    expect(face.sent).toEqual([]);
    expect(await env.db.prisma.deliveryPause.findMany()).toEqual([{ scope: "slack", until: new Date("2026-12-01T09:00:30Z"), reason: expect.stringContaining("rate limit") }]);
    clock = new Date("2026-12-01T09:00:29.999Z");
    expect(await b.runOnce()).toBe(0);
    clock = new Date("2026-12-01T09:00:30Z");
    expect(await b.runOnce()).toBe(2);
    expect(face.sent).toEqual(["a1", "b1"]);
  });

  it("a failed message holds its channel until its retry; the channel then goes on in order", async () => {
    let clock = new Date("2026-12-01T09:00:00Z");
    const face = new ScriptedFace();
    face.failures.set("m1", [new RetryableDeliveryError("slack HTTP 503")]);
    for (const key of ["m1", "m2", "m3"]) await enqueue(key, "C1", clock);
    await enqueue("other", "C2", clock);
    const worker = new OutboxWorker(store, { slack: face }, silentLogger, { now: () => clock, random: () => 0, baseDelayMs: 10_000 });
    expect(await worker.runOnce()).toBe(2); // m1 failed, other sent; m2 and m3 wait behind m1
    expect(face.sent).toEqual(["other"]);
    clock = new Date(clock.getTime() + 4_999);
    expect(await worker.runOnce()).toBe(0);
    clock = new Date(clock.getTime() + 1); // backoff of attempt 1 with no jitter: 5 s
    expect(await worker.runOnce()).toBe(3);
    expect(face.sent).toEqual(["other", "m1", "m2", "m3"]);
  });

  it("a message scheduled for later does not hold up the ones queued after it", async () => {
    const clock = new Date("2026-12-01T09:00:00Z");
    await store.enqueue({ key: "story", platform: "slack", target: "C1", kind: "story", message, notBefore: new Date("2026-12-01T13:00:00Z") }, clock);
    await enqueue("alert", "C1", clock);
    const face = new ScriptedFace();
    expect(await new OutboxWorker(store, { slack: face }, silentLogger, { now: () => clock }).runOnce()).toBe(1);
    expect(face.sent).toEqual(["alert"]);
  });

  it("stop() mid-batch waits for the message being sent and gives the rest back: the other replica takes them at once", async () => {
    const clock = new Date("2026-12-01T09:00:00Z");
    const now = () => clock; // the clock stands still: nothing could be taken over by a lease running out
    for (const [i, key] of ["s1", "s2", "s3"].entries()) await enqueue(key, `C${i + 1}`, clock);
    const face = new ScriptedFace();
    face.hold("s1");
    const a = new OutboxWorker(store, { slack: face }, silentLogger, { now, workerId: "A", leaseMs: 60_000 });
    const b = new OutboxWorker(store, { slack: face }, silentLogger, { now, workerId: "B", leaseMs: 60_000 });
    const passA = a.runOnce();
    await fake.waitFor(() => face.held.has("s1")); // A claimed s1–s3 and is sending s1
    expect(await b.runOnce()).toBe(0); // all three are A's
    const stopped = a.stop();
    face.held.get("s1")!(); // s1's send finishes after the stop was asked for
    await stopped;
    expect(await passA).toBe(1);
    const rows = await env.db.prisma.outboxMessage.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.key, r.state, r.lockedBy === "A" && r.state === "pending" ? "locked" : "free", r.attempts])).toEqual([
      ["s1", "sent", "free", 1], ["s2", "pending", "free", 0], ["s3", "pending", "free", 0],
    ]);
    expect(await b.runOnce()).toBe(2); // at once: no lease to wait out
    expect(face.sent).toEqual(["s1", "s2", "s3"]);
  });
});
