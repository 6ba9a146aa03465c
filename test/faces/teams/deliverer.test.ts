// TeamsDeliverer against a fake Bot Connector: what the outbox worker learns from each failure.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAdapter } from "../../../src/faces/teams/adapter.ts";
import { TeamsConversationStore } from "../../../src/faces/teams/conversations.ts";
import { classifyDeliveryError, retryAfterMs, TeamsDeliverer } from "../../../src/faces/teams/deliverer.ts";
import { silentLogger } from "../../../src/logger.ts";
import { buildHelp } from "../../../src/messages/help.ts";
import { PermanentDeliveryError, RetryableDeliveryError } from "../../../src/services/outbox/deliverer.ts";
import { migratedDatabase } from "../../support/databases.ts";
import { FakeConnector } from "../../support/fake-connector.ts";
import { BOT, CHANNEL, TEAM, TENANT } from "./recorded.ts";

describe("TeamsDeliverer", () => {
  let connector: FakeConnector;
  let dispose: () => Promise<void>;
  let deliverer: TeamsDeliverer;
  let conversations: TeamsConversationStore;
  const delivery = (target = CHANNEL) => ({ platform: "teams" as const, target, message: buildHelp("da") });

  beforeAll(async () => {
    connector = await FakeConnector.start();
    const db = await migratedDatabase("sqlite");
    dispose = db.dispose;
    conversations = new TeamsConversationStore(db.db.prisma);
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
  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = Date.parse("2026-11-28T10:00:00Z");
    expect(retryAfterMs("1.5", now)).toBe(1500);
    expect(retryAfterMs("Sat, 28 Nov 2026 10:00:30 GMT", now)).toBe(30_000);
    expect(retryAfterMs("soon", now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });
});
