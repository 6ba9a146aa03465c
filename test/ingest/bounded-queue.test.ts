import { describe, expect, it } from "vitest";
import { BoundedQueue } from "../../src/ingest/bounded-queue.ts";
import { promisesSettled } from "../support/settle.ts";

async function drain<T>(queue: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of queue) out.push(item);
  return out;
}

describe("BoundedQueue", () => {
  it("hands every item over in order, while producer and consumer run at once", async () => {
    const queue = new BoundedQueue<number>(3);
    const consumed = drain(queue);
    for (let i = 0; i < 100; i++) await queue.push(i);
    queue.close();
    expect(await consumed).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it("makes the producer wait while `limit` items are waiting", async () => {
    const queue = new BoundedQueue<number>(2);
    await queue.push(1);
    let second = false;
    const pushed = queue.push(2).then(() => (second = true));
    await promisesSettled(); // in memory only: a push with room would have resolved by now
    expect(second).toBe(false);
    const reader = queue[Symbol.asyncIterator]();
    expect((await reader.next()).value).toBe(1);
    await pushed;
    expect(second).toBe(true);
  });

  it("fail(): the consumer's next read throws, later pushes are dropped", async () => {
    const queue = new BoundedQueue<number>(5);
    await queue.push(1);
    const stop = new Error("invalid row");
    queue.fail(stop);
    await queue.push(2);
    await expect(drain(queue)).rejects.toBe(stop);
    expect(queue.failed).toBe(true);
  });

  it("abandon(): a producer waiting for room goes on", async () => {
    const queue = new BoundedQueue<number>(1);
    const waiting = queue.push(1);
    queue.abandon();
    await expect(waiting).resolves.toBeUndefined();
  });

  it("a consumer waiting for items ends when the queue is closed", async () => {
    const queue = new BoundedQueue<string>(4);
    const consumed = drain(queue);
    await promisesSettled(); // the consumer is waiting for an item now
    queue.close();
    expect(await consumed).toEqual([]);
    await expect(queue.push("late")).rejects.toThrow(/after close/);
  });

  it("refuses a limit below one", () => {
    expect(() => new BoundedQueue(0)).toThrow(RangeError);
  });
});
