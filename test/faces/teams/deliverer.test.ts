// TeamsDeliverer against a fake Bot Connector: what the outbox worker learns from each failure.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAdapter } from "../../../src/faces/teams/adapter.ts";
import { TeamsConversations } from "../../../src/faces/teams/conversations.ts";
import { TeamsConversationStore } from "../../../src/store/teams-conversations.ts";
import { classifyDeliveryError, TeamsDeliverer } from "../../../src/faces/teams/deliverer.ts";
import { silentLogger } from "../../../src/logger.ts";
import { buildHelp } from "../../../src/messages/help.ts";
import { OutboxWorker } from "../../../src/jobs/outbox-worker.ts";
import { PermanentDeliveryError, RetryableDeliveryError } from "../../../src/services/outbox/deliverer.ts";
import { OutboxStore } from "../../../src/store/outbox.ts";
import { migratedDatabase } from "../../support/databases.ts";
import { FakeConnector } from "../../support/fake-connector.ts";
import { BOT, CHANNEL, TEAM, TENANT } from "./recorded.ts";

describe("TeamsDeliverer", () => {
  let connector: FakeConnector;
  let dispose: () => Promise<void>;
  let deliverer: TeamsDeliverer;
  let conversations: TeamsConversations;
  let outbox: OutboxStore;
  const delivery = (target = CHANNEL) => ({ platform: "teams" as const, target, message: buildHelp("da") });

  beforeAll(async () => {
    connector = await FakeConnector.start();
    const db = await migratedDatabase("sqlite");
    dispose = db.dispose;
    conversations = new TeamsConversations(new TeamsConversationStore(db.db.prisma));
    outbox = new OutboxStore(db.db.prisma);
    deliverer = new TeamsDeliverer(createAdapter({ mode: "local" }), "", conversations, silentLogger);
    await conversations.remember(
      { channelId: "msteams", serviceUrl: connector.url, bot: BOT, conversation: { id: `${CHANNEL};messageid=5`, conversationType: "channel", isGroup: true, tenantId: TENANT, name: "" }, activityId: "5" },
      { kind: "channel", tenantId: TENANT, teamId: TEAM, userId: null },
    );
  });
  afterAll(async () => {
    await connector?.close();
    await dispose?.();
  });
  beforeEach(() => connector.clear());

  it("posts a new message (not a reply) and returns the connector's id", async () => {
    const result = await deliverer.deliver(delivery());
    expect(connector.calls).toHaveLength(1);
    const [call] = connector.calls;
    expect(call).toMatchObject({ kind: "send", conversationId: CHANNEL, answeredId: result.remoteId });
    expect(call!.body).toMatchObject({ type: "message", summary: "Kundepuls – sådan spørger du", attachments: [{ contentType: "application/vnd.microsoft.card.adaptive" }] });
  });

  it("429 with Retry-After → retryable after that long, asked once (the worker owns retries)", async () => {
    connector.failNext(5, 429, { "retry-after": "7" });
    const started = Date.now();
    const error = await deliverer.deliver(delivery()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableDeliveryError);
    expect((error as RetryableDeliveryError).retryAfterMs).toBe(7000);
    expect((error as RetryableDeliveryError).pause).toBe("channel"); // the worker pauses this conversation
    expect(connector.attempts).toBe(1);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("500 and 503 → retryable", async () => {
    for (const status of [500, 503]) {
      connector.clear();
      connector.failNext(5, status);
      const error = await deliverer.deliver(delivery()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RetryableDeliveryError);
      expect((error as Error).message).toContain(String(status));
      expect(connector.attempts).toBe(1);
    }
  });

  it("403 (bot removed) and 404 (conversation gone) → permanent", async () => {
    for (const status of [403, 404]) {
      connector.failNext(1, status);
      await expect(deliverer.deliver(delivery())).rejects.toBeInstanceOf(PermanentDeliveryError);
    }
  });

  it("deletes a message in its thread (DELETE of the activity); 404 is done, 500 retryable", async () => {
    await deliverer.delete({ platform: "teams", target: CHANNEL, remoteId: "1771290200001", threadOf: "1771290200000" });
    expect(connector.calls).toMatchObject([{ method: "DELETE", kind: "delete", conversationId: `${CHANNEL};messageid=1771290200000`, activityId: "1771290200001" }]);
    connector.failNext(1, 404);
    await deliverer.delete({ platform: "teams", target: CHANNEL, remoteId: "1771290200001" }); // gone already
    connector.failNext(1, 500);
    await expect(deliverer.delete({ platform: "teams", target: CHANNEL, remoteId: "1771290200001" })).rejects.toBeInstanceOf(RetryableDeliveryError);
  });

  it("a conversation without a stored reference → permanent, nothing sent", async () => {
    await expect(deliverer.deliver(delivery("19:never-installed@thread.tacv2"))).rejects.toThrow(PermanentDeliveryError);
    expect(connector.attempts).toBe(0);
  });

  it("the connector unreachable → retryable", async () => {
    const gone = await FakeConnector.start();
    const url = gone.url;
    await gone.close();
    await conversations.remember(
      { channelId: "msteams", serviceUrl: url, bot: BOT, conversation: { id: "19:unreachable@thread.tacv2", conversationType: "channel", isGroup: true, name: "" } },
      { kind: "channel", tenantId: TENANT, teamId: TEAM, userId: null },
    );
    const error = await deliverer.deliver(delivery("19:unreachable@thread.tacv2")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableDeliveryError);
    expect((error as Error).message).toMatch(/not reached/);
  });

  it("a post interrupted by a crash is not posted again (Teams cannot be asked): held as dead, fate unknown, until a person re-sends it", async () => {
    const clock = new Date("2026-12-01T09:00:00Z");
    await outbox.enqueue({ key: "alert:teams:crash", platform: "teams", target: CHANNEL, kind: "alert", message: buildHelp("da") }, clock);
    // A replica claims it, marks it "sending" and dies before it learns the outcome.
    const [claimed] = await outbox.claimDue("dead-replica", clock, 10, 10_000);
    expect(await outbox.beginAttempt(claimed!.id, "dead-replica", clock, 10_000)).toBe(true);
    const events: string[] = [];
    const later = new Date(clock.getTime() + 11_000);
    const survivor = new OutboxWorker(outbox, { teams: deliverer }, silentLogger, { now: () => later, observe: (e) => events.push(`${e.platform}:${e.result}`) });
    expect(await survivor.runOnce()).toBe(1);
    expect(connector.calls).toHaveLength(0); // not posted a second time
    const [dead] = await outbox.list({ state: "dead" }); // what `kundepuls outbox --failed` lists
    expect(dead).toMatchObject({ key: "alert:teams:crash", attempts: 2 });
    expect(dead!.lastError).toContain("fate unknown");
    expect(events).toEqual(["teams:dead"]);
    // Re-sent by hand (`kundepuls outbox --retry`), it goes out once.
    expect(await outbox.retryDead(later)).toBe(1);
    expect(await survivor.runOnce()).toBe(1);
    expect(connector.calls).toHaveLength(1);
    expect(events).toEqual(["teams:dead", "teams:sent"]);
  });

  it("a claimed message that was never begun is not in doubt: sent normally", async () => {
    const clock = new Date("2026-12-01T10:00:00Z");
    await outbox.enqueue({ key: "digest:teams:claimed", platform: "teams", target: CHANNEL, kind: "digest", message: buildHelp("en") }, clock);
    await outbox.claimDue("dead-replica", clock, 10, 10_000); // claimed, never begun: the replica died first
    const later = new Date(clock.getTime() + 11_000);
    expect(await new OutboxWorker(outbox, { teams: deliverer }, silentLogger, { now: () => later }).runOnce()).toBe(1);
    expect(connector.calls).toHaveLength(1);
    expect((await outbox.list({ state: "sent" })).map((r) => r.key)).toContain("digest:teams:claimed");
  });
});

describe("error classification", () => {
  const restError = (statusCode: number, retryAfter?: string) => ({ statusCode, message: "x", response: { headers: { get: (n: string) => (n === "retry-after" ? retryAfter : undefined) } } });
  it("sorts connector answers", () => {
    expect(classifyDeliveryError(restError(429, "2"), "t")).toMatchObject({ retryAfterMs: 2000 });
    expect(classifyDeliveryError(restError(502), "t")).toBeInstanceOf(RetryableDeliveryError);
    expect(classifyDeliveryError(restError(400), "t")).toBeInstanceOf(PermanentDeliveryError);
    expect(classifyDeliveryError(restError(401), "t")).toBeInstanceOf(PermanentDeliveryError);
    expect(classifyDeliveryError(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }), "t")).toBeInstanceOf(RetryableDeliveryError);
  });
  it("a 429 pauses the conversation, or everything when it came before the conversation was reached", () => {
    expect(classifyDeliveryError(restError(429, "2"), "t")).toMatchObject({ pause: "channel" });
    expect(classifyDeliveryError(restError(429), "t", "workspace")).toMatchObject({ pause: "workspace", retryAfterMs: undefined });
    expect(classifyDeliveryError(restError(503, "2"), "t")).toMatchObject({ pause: undefined, retryAfterMs: 2000 });
  });
});
