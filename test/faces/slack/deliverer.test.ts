// SlackDeliverer against a fake Slack Web API: what it posts, and how each failure is classified
// for the outbox worker (retry later, with Slack's Retry-After, or give up); and findDelivered,
// which finds a message posted by a crashed attempt by its outbox key in the message metadata.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CLOCK_SKEW_MS, OUTBOX_EVENT_TYPE, SlackDeliverer, slackTs } from "../../../src/faces/slack/deliverer.ts";
import { createWebClient } from "../../../src/faces/slack/web-client.ts";
import type { SlackSettings } from "../../../src/faces/slack/config.ts";
import { silentLogger } from "../../../src/logger.ts";
import type { Message } from "../../../src/messages/model.ts";
import { PermanentDeliveryError, RetryableDeliveryError, type Delivery } from "../../../src/services/outbox/deliverer.ts";
import { startFakeSlack, type FakeSlack } from "../../support/fake-slack.ts";

const settings = (apiUrl: string): SlackSettings => ({ botToken: "xoxb-test", mode: "http", appToken: null, signingSecret: "s3cret-s3cret", apiUrl });
const message: Message = {
  kind: "digest", lang: "da", summary: "Daglig NPS for Support: +31",
  blocks: [{ type: "header", text: "Support i går" }, { type: "quote", text: "Super service <!channel>", attribution: "Bageriet ApS" }],
};
const delivery = (extra: Partial<Delivery> = {}): Delivery => ({ platform: "slack", target: "C0DIGEST1", message, ...extra });
const keyed = (key: string, extra: Partial<Delivery> = {}) => ({ ...delivery(extra), key });
const minuteAgo = () => new Date(Date.now() - 60_000);

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the delivery to fail");
}

let fake: FakeSlack;
let deliverer: SlackDeliverer;
beforeAll(async () => {
  fake = await startFakeSlack();
  deliverer = new SlackDeliverer(createWebClient(settings(fake.apiUrl), silentLogger, true));
});
afterAll(async () => fake?.close());
beforeEach(() => fake.reset());

describe("SlackDeliverer", () => {
  it("posts the rendered message with the bot token and returns the message ts", async () => {
    const result = await deliverer.deliver(delivery());
    const [call] = fake.callsTo("chat.postMessage");
    expect(result.remoteId).toMatch(/^\d{10}\.\d{6}$/);
    expect(result.remoteId).toBe((call!.response!.body as { ts: string }).ts);
    expect(call!.token).toBe("xoxb-test");
    expect(call!.body).toMatchObject({ channel: "C0DIGEST1", text: "Daglig NPS for Support: +31", unfurl_links: "false" });
    expect(call!.body.thread_ts).toBeUndefined();
    expect(call!.body.blocks).toEqual([
      { type: "header", text: { type: "plain_text", text: "Support i går", emoji: true } },
      { type: "section", text: { type: "mrkdwn", text: ">Super service &lt;!channel&gt;\n— Bageriet ApS" } },
    ]);
  });

  it("answers in the thread when threadOf is set", async () => {
    await deliverer.deliver(delivery({ threadOf: "1772518352.000200" }));
    expect(fake.callsTo("chat.postMessage")[0]!.body.thread_ts).toBe("1772518352.000200");
  });

  it("a 429 is retryable after Slack's Retry-After, and the client does not retry by itself", async () => {
    fake.rateLimitNext("chat.postMessage", 7);
    const error = await failure(deliverer.deliver(delivery()));
    expect(error).toBeInstanceOf(RetryableDeliveryError);
    expect((error as RetryableDeliveryError).retryAfterMs).toBe(7000);
    expect((error as RetryableDeliveryError).pause).toBe("channel"); // chat.postMessage is limited per channel
    expect(fake.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("a 5xx and Slack's own transient errors are retryable", async () => {
    fake.failNext("chat.postMessage", { status: 503, body: "upstream unavailable" });
    expect(await failure(deliverer.deliver(delivery()))).toBeInstanceOf(RetryableDeliveryError);
    fake.errorNext("chat.postMessage", "internal_error");
    expect(await failure(deliverer.deliver(delivery()))).toBeInstanceOf(RetryableDeliveryError);
    expect(fake.callsTo("chat.postMessage")).toHaveLength(2);
  });

  it.each(["channel_not_found", "not_in_channel", "invalid_auth", "is_archived", "msg_too_long"])("%s is permanent", async (code) => {
    fake.errorNext("chat.postMessage", code);
    const error = await failure(deliverer.deliver(delivery()));
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect((error as Error).message).toContain(code);
  });

  it("a network failure is retryable", async () => {
    const closed = await startFakeSlack();
    const apiUrl = closed.apiUrl;
    await closed.close();
    const offline = new SlackDeliverer(createWebClient(settings(apiUrl), silentLogger, true));
    expect(await failure(offline.deliver(delivery()))).toBeInstanceOf(RetryableDeliveryError);
  });

  it("refuses a delivery meant for another platform", async () => {
    expect(await failure(deliverer.deliver(delivery({ platform: "teams" })))).toBeInstanceOf(PermanentDeliveryError);
    expect(fake.calls).toHaveLength(0);
  });
});

describe("SlackDeliverer: the outbox key travels with the message", () => {
  it("posts the key as message metadata, and no metadata without a key", async () => {
    await deliverer.deliver(keyed("digest:support:slack:C0DIGEST1:2026-11-30"));
    await deliverer.deliver(delivery());
    const [withKey, without] = fake.callsTo("chat.postMessage");
    expect(withKey!.body.metadata).toEqual({ event_type: "kundepuls_outbox", event_payload: { key: "digest:support:slack:C0DIGEST1:2026-11-30" } });
    expect(OUTBOX_EVENT_TYPE).toBe("kundepuls_outbox");
    expect(without!.body.metadata).toBeUndefined();
  });
});

describe("SlackDeliverer.findDelivered", () => {
  it("finds the message with the key in the channel's history since `since` less the clock skew, with all metadata", async () => {
    const since = minuteAgo();
    const first = await deliverer.deliver(keyed("k1"));
    const second = await deliverer.deliver(keyed("k2"));
    expect(await deliverer.findDelivered(keyed("k1"), since)).toEqual({ remoteId: first.remoteId });
    expect(await deliverer.findDelivered(keyed("k2"), since)).toEqual({ remoteId: second.remoteId });
    const [call] = fake.callsTo("conversations.history");
    expect(call!.body).toMatchObject({ channel: "C0DIGEST1", include_all_metadata: "true", oldest: slackTs(new Date(since.getTime() - CLOCK_SKEW_MS)) });
  });

  it("ignores other keys, messages without metadata, other channels and anything before `since`", async () => {
    const since = minuteAgo();
    await deliverer.deliver(keyed("other-key"));
    await deliverer.deliver(delivery()); // e.g. posted by a listener, no metadata
    await deliverer.deliver(keyed("wanted", { target: "C0ELSEWHERE" }));
    expect(await deliverer.findDelivered(keyed("wanted"), since)).toBeNull();
    expect(await deliverer.findDelivered(keyed("wanted", { target: "C0ELSEWHERE" }), since)).not.toBeNull();
    const later = new Date(Date.now() + CLOCK_SKEW_MS + 60_000);
    expect(await deliverer.findDelivered(keyed("wanted", { target: "C0ELSEWHERE" }), later)).toBeNull();
  });

  it("pages through a long history (newest first) until it finds the key", async () => {
    const since = minuteAgo();
    const first = await deliverer.deliver(keyed("the-first"));
    for (let i = 0; i < 120; i++) await deliverer.deliver(keyed(`filler-${i}`));
    expect(await deliverer.findDelivered(keyed("the-first"), since)).toEqual({ remoteId: first.remoteId });
    const pages = fake.callsTo("conversations.history");
    expect(pages).toHaveLength(2); // 100 newer messages on the first page, the wanted one on the second
    expect(pages[0]!.body.cursor).toBeUndefined();
    expect(pages[1]!.body.cursor).toEqual(expect.any(String));
    expect(await deliverer.findDelivered(keyed("never-posted"), since)).toBeNull();
    expect(fake.callsTo("conversations.history")).toHaveLength(4); // read to the end, then gives up
  });

  it("a user id is looked up in the bot's DM with that user (conversations.open)", async () => {
    const since = minuteAgo();
    const posted = await deliverer.deliver(keyed("alert:7:slack:U0OWNER01", { target: "U0OWNER01" }));
    expect(await deliverer.findDelivered(keyed("alert:7:slack:U0OWNER01", { target: "U0OWNER01" }), since)).toEqual({ remoteId: posted.remoteId });
    expect(fake.callsTo("conversations.open")[0]!.body).toMatchObject({ users: "U0OWNER01" });
    expect(fake.callsTo("conversations.history")[0]!.body.channel).toBe(fake.dmOf("U0OWNER01"));
    expect(await deliverer.findDelivered(keyed("alert:7:slack:W0OTHER02", { target: "W0OTHER02" }), since)).toBeNull();
    expect(fake.callsTo("conversations.open")[1]!.body).toMatchObject({ users: "W0OTHER02" });
  });

  it("a reply is looked up in its thread (a reply is not in the channel's history)", async () => {
    const since = minuteAgo();
    const parent = await deliverer.deliver(keyed("case:1"));
    const reply = await deliverer.deliver(keyed("case:1:reminder", { threadOf: parent.remoteId }));
    expect(await deliverer.findDelivered(keyed("case:1:reminder", { threadOf: parent.remoteId }), since)).toEqual({ remoteId: reply.remoteId });
    expect(fake.callsTo("conversations.replies")[0]!.body).toMatchObject({ channel: "C0DIGEST1", ts: parent.remoteId, include_all_metadata: "true" });
    expect(fake.callsTo("conversations.history")).toHaveLength(0);
    expect(await deliverer.findDelivered(keyed("case:1:reminder"), since)).toBeNull(); // the channel's history has only the parent
  });

  it("classifies failures as deliver does: 429 and 5xx retryable, other errors permanent", async () => {
    fake.rateLimitNext("conversations.history", 9);
    const limited = await failure(deliverer.findDelivered(keyed("k"), minuteAgo()));
    expect(limited).toBeInstanceOf(RetryableDeliveryError);
    expect((limited as RetryableDeliveryError).retryAfterMs).toBe(9000);
    expect((limited as RetryableDeliveryError).pause).toBe("workspace"); // a Tier 3 method: limited for the whole workspace
    fake.failNext("conversations.history", { status: 502, body: "bad gateway" });
    expect(await failure(deliverer.findDelivered(keyed("k"), minuteAgo()))).toBeInstanceOf(RetryableDeliveryError);
    for (const code of ["missing_scope", "not_in_channel", "channel_not_found"]) {
      fake.errorNext("conversations.history", code);
      const error = await failure(deliverer.findDelivered(keyed("k"), minuteAgo()));
      expect(error).toBeInstanceOf(PermanentDeliveryError);
      expect((error as Error).message).toContain(code);
    }
    fake.errorNext("conversations.open", "user_not_found");
    expect(await failure(deliverer.findDelivered(keyed("k", { target: "U0GONE001" }), minuteAgo()))).toBeInstanceOf(PermanentDeliveryError);
    fake.rateLimitNext("conversations.open", 3);
    expect(await failure(deliverer.findDelivered(keyed("k", { target: "U0GONE001" }), minuteAgo()))).toBeInstanceOf(RetryableDeliveryError);
    expect(fake.callsTo("conversations.history")).toHaveLength(5); // no retries of its own
  });

  it("a network failure is retryable; another platform is refused", async () => {
    const closed = await startFakeSlack();
    const apiUrl = closed.apiUrl;
    await closed.close();
    const offline = new SlackDeliverer(createWebClient(settings(apiUrl), silentLogger, true));
    expect(await failure(offline.findDelivered(keyed("k"), minuteAgo()))).toBeInstanceOf(RetryableDeliveryError);
    expect(await failure(deliverer.findDelivered(keyed("k", { platform: "teams" }), minuteAgo()))).toBeInstanceOf(PermanentDeliveryError);
  });
});

describe("SlackDeliverer.delete", () => {
  it("deletes a message in a user's DM (chat.delete with the DM's channel id); gone already is done", async () => {
    const posted = await deliverer.deliver(delivery({ target: "U0LEAD001" }));
    expect(fake.messagesIn(fake.dmOf("U0LEAD001"))).toHaveLength(1);
    await deliverer.delete({ platform: "slack", target: "U0LEAD001", remoteId: posted.remoteId! });
    expect(fake.messagesIn(fake.dmOf("U0LEAD001"))).toHaveLength(0);
    expect(fake.callsTo("chat.delete").map((c) => c.body)).toEqual([{ channel: fake.dmOf("U0LEAD001"), ts: posted.remoteId }]);
    await deliverer.delete({ platform: "slack", target: "U0LEAD001", remoteId: posted.remoteId! }); // message_not_found: nothing left to do
    expect(fake.callsTo("chat.delete")).toHaveLength(2);
  });

  it("a rate limit is retryable, a channel the bot lost is permanent", async () => {
    fake.rateLimitNext("chat.delete", 4);
    const limited = await failure(deliverer.delete({ platform: "slack", target: "C0DIGEST1", remoteId: "1.000001" }));
    expect(limited).toBeInstanceOf(RetryableDeliveryError);
    expect((limited as RetryableDeliveryError).retryAfterMs).toBe(4000);
    fake.errorNext("chat.delete", "channel_not_found");
    expect(await failure(deliverer.delete({ platform: "slack", target: "C0DIGEST1", remoteId: "1.000001" }))).toBeInstanceOf(PermanentDeliveryError);
  });
});
