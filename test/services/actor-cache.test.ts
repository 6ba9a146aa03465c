// The actor cache both chat faces use: answers kept for their time and no longer, at most so many
// people (the least recently used go first), and a platform that fails or is slow never stops
// the work — the click goes on with the id and the name it carried.
import { afterEach, describe, expect, it, vi } from "vitest";
import { ActorCache, ExpiringCache } from "../../src/services/actor-cache.ts";

describe("ExpiringCache", () => {
  it("a value lives ttl after it was set, and is gone from then on", () => {
    let now = 0;
    const cache = new ExpiringCache<string>(1_000, 10, () => now);
    cache.set("a", "A");
    now = 999;
    expect(cache.get("a")).toBe("A");
    now = 1_000;
    expect(cache.get("a")).toBeUndefined();
    expect(cache.size).toBe(0); // the expired entry does not linger
    cache.set("a", "A2"); // set again: a new lifetime
    now = 1_999;
    expect(cache.get("a")).toBe("A2");
  });

  it("never more than maxEntries: the least recently used goes, a read counts as a use", () => {
    const cache = new ExpiringCache<number>(60_000, 3, () => 0);
    cache.set("a", 1);
    cache.set("b", 2);
    cache.set("c", 3);
    expect(cache.get("a")).toBe(1); // a is now the most recently used
    cache.set("d", 4); // b goes
    expect(cache.size).toBe(3);
    expect([cache.get("a"), cache.get("b"), cache.get("c"), cache.get("d")]).toEqual([1, undefined, 3, 4]);
    cache.set("c", 30); // overwriting is a use, not a new entry
    cache.set("e", 5); // a goes (read before c and d)
    expect([cache.get("a"), cache.get("c"), cache.get("d"), cache.get("e")]).toEqual([undefined, 30, 4, 5]);
  });
});

describe("ActorCache", () => {
  afterEach(() => vi.useRealTimers());

  const setup = (over: { ttlMs?: number; maxEntries?: number } = {}) => {
    const clock = { now: 0 };
    const failures: string[] = [];
    const cache = new ActorCache("teams", { timeoutMs: 1_000, clock: () => clock.now, onLookupFailed: (userId, e) => failures.push(`${userId}: ${(e as Error).message}`), ...over });
    return { cache, clock, failures };
  };

  it("name and e-mail from the platform; asked once within the time kept, again after it", async () => {
    const { cache, clock } = setup({ ttlMs: 60_000 });
    const lookup = vi.fn().mockResolvedValue({ name: "Mette Holm", email: "mette@example.dk" });
    expect(await cache.actor("u1", "mette", lookup)).toEqual({ platform: "teams", userId: "u1", name: "Mette Holm", email: "mette@example.dk" });
    clock.now = 59_999;
    await cache.actor("u1", null, lookup);
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(lookup).toHaveBeenCalledWith("u1");
    clock.now = 60_000;
    await cache.actor("u1", null, lookup);
    expect(lookup).toHaveBeenCalledTimes(2);
  });

  it("blank answers count as not told: the click's name, no e-mail", async () => {
    const { cache } = setup();
    expect(await cache.actor("u2", "anna", async () => ({ name: "", email: "" }))).toEqual({ platform: "teams", userId: "u2", name: "anna", email: null });
    expect(await cache.actor("u3", "", async () => ({}))).toEqual({ platform: "teams", userId: "u3", name: null, email: null });
  });

  it("a failing platform: the id and the click's name, the face is told, nothing kept (asked again next time)", async () => {
    const { cache, failures } = setup();
    const lookup = vi.fn().mockRejectedValue(new Error("not a member"));
    expect(await cache.actor("u4", "Test User", lookup)).toEqual({ platform: "teams", userId: "u4", name: "Test User", email: null });
    expect(await cache.actor("u4", undefined, lookup)).toEqual({ platform: "teams", userId: "u4", name: null, email: null });
    expect(lookup).toHaveBeenCalledTimes(2);
    expect(failures).toEqual(["u4: not a member", "u4: not a member"]);
  });

  it("a platform that does not answer in time: the click goes on after the time limit", async () => {
    vi.useFakeTimers();
    const { cache, failures } = setup();
    const answer = cache.actor("u5", "slow", () => new Promise(() => {}));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await answer).toEqual({ platform: "teams", userId: "u5", name: "slow", email: null });
    expect(failures).toEqual(["u5: teams user look-up: no answer within 1000 ms"]);
  });

  it("at most maxEntries people are kept", async () => {
    const { cache } = setup({ maxEntries: 2 });
    const lookup = vi.fn(async (id: string) => ({ name: id.toUpperCase() }));
    for (const id of ["a", "b", "c"]) await cache.actor(id, null, lookup);
    await cache.actor("c", null, lookup);
    await cache.actor("b", null, lookup);
    expect(lookup).toHaveBeenCalledTimes(3);
    await cache.actor("a", null, lookup); // the oldest was let go
    expect(lookup).toHaveBeenCalledTimes(4);
  });
});
