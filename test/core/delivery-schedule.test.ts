import { describe, expect, it } from "vitest";
import { channelScope, inLine, pauseKey, sendableNow, workspaceScope, type DeliveryPause, type QueuedMessage } from "../../src/core/delivery-schedule.ts";
import { retryAfterMs } from "../../src/core/retry-after.ts";

const NOW = new Date("2026-12-01T09:00:00Z");
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
const msg = (id: number, target = "C1", over: Partial<QueuedMessage> = {}): QueuedMessage => ({
  id, platform: "slack", target, attempts: 0, nextAttemptAt: at(-1), lockedUntil: null, ...over,
});
const ids = (queue: QueuedMessage[], pauses: DeliveryPause[] = [], limit = 50) => sendableNow(queue, pauses, NOW, limit).map((m) => m.id);

describe("sendableNow: per-channel order", () => {
  it("only the oldest message of a channel may go; other channels go side by side", () => {
    expect(ids([msg(3, "C1"), msg(1, "C1"), msg(2, "C2"), msg(4, "C2"), msg(5, "C3")])).toEqual([1, 2, 5]);
  });

  it("the same target on another platform is another channel", () => {
    expect(ids([msg(1, "X"), msg(2, "X", { platform: "teams" })])).toEqual([1, 2]);
  });

  it("a head being sent (live lease, any replica) holds its channel; an expired lease does not", () => {
    expect(ids([msg(1, "C1", { attempts: 1, lockedUntil: at(5) }), msg(2, "C1"), msg(3, "C2")])).toEqual([3]);
    expect(ids([msg(1, "C1", { attempts: 1, lockedUntil: at(0) })])).toEqual([]); // until the instant itself
    expect(ids([msg(1, "C1", { attempts: 1, lockedUntil: at(-1) }), msg(2, "C1")])).toEqual([1]);
  });

  it("a head waiting for its retry holds its channel until the retry is due", () => {
    const queue = [msg(1, "C1", { attempts: 2, nextAttemptAt: at(30) }), msg(2, "C1"), msg(3, "C2")];
    expect(ids(queue)).toEqual([3]);
    expect(sendableNow(queue, [], at(30), 50).map((m) => m.id)).toEqual([1, 3]);
  });

  it("a message scheduled for later holds up nobody until it is due, then takes its place", () => {
    const queue = [msg(1, "C1", { nextAttemptAt: at(3600) }), msg(2, "C1")];
    expect(ids(queue)).toEqual([2]);
    expect(sendableNow(queue, [], at(3600), 50).map((m) => m.id)).toEqual([1]);
  });

  it("respects the limit, oldest first", () => {
    expect(ids([msg(5, "C5"), msg(2, "C2"), msg(9, "C9"), msg(1, "C1")], [], 2)).toEqual([1, 2]);
    expect(ids([msg(1)], [], 0)).toEqual([]);
    expect(ids([])).toEqual([]);
  });
});

describe("sendableNow: rate-limit pauses", () => {
  const queue = [msg(1, "C1"), msg(2, "C1"), msg(3, "C2"), msg(4, "T1", { platform: "teams" })];

  it("a channel pause stops only that channel", () => {
    expect(ids(queue, [{ scope: channelScope("slack", "C1"), until: at(20) }])).toEqual([3, 4]);
  });

  it("a workspace pause stops every channel of that platform, not the other platform", () => {
    expect(ids(queue, [{ scope: workspaceScope("slack"), until: at(20) }])).toEqual([4]);
  });

  it("a pause is over at its end", () => {
    expect(ids(queue, [{ scope: "slack", until: at(0) }, { scope: "slack:C1", until: at(-5) }])).toEqual([1, 3, 4]);
  });

  it("a paused head still holds its channel: the next message does not overtake it", () => {
    // The rate-limited message waits for the pause (not yet due, attempt given back) …
    const limited = [msg(1, "C1", { nextAttemptAt: at(20) }), msg(2, "C1")];
    expect(ids(limited, [{ scope: "slack:C1", until: at(20) }])).toEqual([]);
    // … and goes first once the pause is over.
    expect(sendableNow(limited, [{ scope: "slack:C1", until: at(20) }], at(20), 50).map((m) => m.id)).toEqual([1]);
  });

  it("pause keys", () => {
    expect(pauseKey("channel", "slack", "C1")).toBe("slack:C1");
    expect(pauseKey("workspace", "slack", "C1")).toBe("slack");
    expect(pauseKey("channel", "teams", "19:abc@thread.tacv2")).toBe("teams:19:abc@thread.tacv2");
  });
});

describe("inLine", () => {
  it("due or attempted", () => {
    expect(inLine(msg(1, "C1", { nextAttemptAt: at(0) }), NOW)).toBe(true);
    expect(inLine(msg(1, "C1", { nextAttemptAt: at(1) }), NOW)).toBe(false);
    expect(inLine(msg(1, "C1", { nextAttemptAt: at(1), attempts: 1 }), NOW)).toBe(true);
  });
});

describe("retryAfterMs (both faces)", () => {
  const now = Date.parse("2026-11-28T10:00:00Z");
  it("reads seconds and HTTP dates", () => {
    expect(retryAfterMs("20", now)).toBe(20_000);
    expect(retryAfterMs(3, now)).toBe(3000);
    expect(retryAfterMs("0", now)).toBe(0);
    expect(retryAfterMs("1.5", now)).toBe(1500);
    expect(retryAfterMs("Sat, 28 Nov 2026 10:00:30 GMT", now)).toBe(30_000);
    expect(retryAfterMs("Sat, 28 Nov 2026 09:59:00 GMT", now)).toBe(0);
  });
  it("anything else is no Retry-After", () => {
    for (const bad of ["soon", "-5", "", null, undefined]) expect(retryAfterMs(bad, now)).toBeUndefined();
  });
});
