// One time limit for calls to other systems: the result in time, a rejection naming the call when
// not, and the late outcome of the call itself never surfaces (no unhandled rejection).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { withTimeout } from "../../src/core/timeout.ts";

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe("withTimeout", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("the work's result when it comes in time, and no timer is left behind", async () => {
    const work = deferred<number>();
    const bounded = withTimeout(work.promise, 1_000, "users.info");
    await vi.advanceTimersByTimeAsync(999);
    work.resolve(7);
    await expect(bounded).resolves.toBe(7);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("the work's own failure in time is passed on as it is", async () => {
    const work = deferred<number>();
    const bounded = withTimeout(work.promise, 1_000, "users.info");
    work.reject(new Error("user_not_found"));
    await expect(bounded).rejects.toThrow("user_not_found");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("too slow: a rejection naming the call and the limit; the late failure or result is ignored", async () => {
    const failing = deferred<number>();
    const first = withTimeout(failing.promise, 20, "updateActivity");
    const check = expect(first).rejects.toThrow("updateActivity: no answer within 20 ms");
    await vi.advanceTimersByTimeAsync(20);
    await check;
    failing.reject(new Error("late")); // handled by the race: vitest fails the run on an unhandled rejection
    const succeeding = deferred<number>();
    const second = withTimeout(succeeding.promise, 20, "the note");
    const checkSecond = expect(second).rejects.toThrow("the note: no answer within 20 ms");
    await vi.advanceTimersByTimeAsync(20);
    await checkSecond;
    succeeding.resolve(1);
    await Promise.resolve();
  });
});
