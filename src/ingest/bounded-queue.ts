// A queue between a producer and one consumer that run at the same time (the import's check and
// its store): the producer waits when `limit` items are waiting (memory stays flat however large
// the file), the consumer waits when none are. The producer ends it with `close()`, or with
// `fail(error)`, which makes the consumer's next read throw (its transaction rolls back).
export class BoundedQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private closed = false;
  private failure: { error: unknown } | null = null;
  private wakeConsumer: (() => void) | null = null;
  private wakeProducer: (() => void) | null = null;

  constructor(private readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError("limit must be at least 1");
  }

  /** Resolves once the item is queued and there is room for the next one. After `fail` or
   * `abandon` the item is dropped (whoever ended the queue reports why). */
  async push(item: T): Promise<void> {
    if (this.closed) throw new Error("push after close");
    if (this.failure) return;
    this.items.push(item);
    this.wake("consumer");
    while (this.items.length >= this.limit && !this.failure) await new Promise<void>((resolve) => (this.wakeProducer = resolve));
  }

  close(): void {
    this.closed = true;
    this.wake("consumer");
  }

  /** Ends the queue with an error: what is waiting is dropped, the consumer's next read throws. */
  fail(error: unknown): void {
    this.failure = { error };
    this.items.length = 0;
    this.wake("consumer");
    this.wake("producer");
  }

  /** The consumer stopped early (it failed): a waiting producer goes on, its items are dropped. */
  abandon(): void {
    this.fail(new Error("queue abandoned by its consumer"));
  }

  /** Ended by `fail` or `abandon`. */
  get failed(): boolean {
    return this.failure !== null;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      if (this.failure) throw this.failure.error;
      const item = this.items.shift();
      if (item !== undefined) {
        this.wake("producer");
        yield item;
      } else if (this.closed) {
        return;
      } else {
        await new Promise<void>((resolve) => (this.wakeConsumer = resolve));
      }
    }
  }

  private wake(who: "consumer" | "producer"): void {
    const key = who === "consumer" ? "wakeConsumer" : "wakeProducer";
    const wake = this[key];
    this[key] = null;
    wake?.();
  }
}
