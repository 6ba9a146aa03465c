// Runs the follow-ups of stored answers (open a detractor case, make a story candidate) from the
// AnswerFollowUp queue, off the request path. Woken right after answers are stored, and sweeping
// every few seconds for rows left by a crash, another replica or a failed attempt. Leases are
// short and renewed while a batch runs, so a dead replica's rows are free within seconds; stop()
// finishes the follow-up in hand and gives the rest of the batch back.
import { withLogContext, type Logger } from "../logger.ts";
import type { StoredChange } from "../store/answers.ts";
import type { ClaimedFollowUp, FollowUpStore } from "../store/follow-ups.ts";

/** One habit's reaction to a stored answer; must be idempotent (a follow-up may run twice). */
export type FollowUpHandler = (change: StoredChange, now: Date) => Promise<unknown>;

export interface FollowUpOptions {
  leaseMs?: number;
  batchSize?: number;
  sweepMs?: number;
  /** a follow-up failing this often is given up (logged as an error) */
  maxAttempts?: number;
  retryDelayMs?: number;
  /** true while answers are streaming in: follow-ups then wait `pauseMs` between items */
  busy?: () => boolean;
  pauseMs?: number;
  now?: () => Date;
}

export class FollowUpWorker {
  private readonly o: Required<FollowUpOptions>;
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private started = false;
  private stopped = false;

  constructor(
    private readonly store: FollowUpStore,
    private readonly handlers: FollowUpHandler[],
    private readonly log: Logger,
    options: FollowUpOptions = {},
  ) {
    this.o = {
      leaseMs: options.leaseMs ?? 10_000,
      batchSize: options.batchSize ?? 100,
      sweepMs: options.sweepMs ?? 5_000,
      maxAttempts: options.maxAttempts ?? 5,
      retryDelayMs: options.retryDelayMs ?? 30_000,
      busy: options.busy ?? (() => false),
      pauseMs: options.pauseMs ?? 20,
      now: options.now ?? (() => new Date()),
    };
  }

  /** Handles everything that can be claimed now. Returns how many follow-ups ran. */
  async runOnce(): Promise<number> {
    let handled = 0;
    while (!this.stopped) {
      const batch = await this.store.claim(this.o.now(), this.o.batchSize, this.o.leaseMs);
      if (batch.length === 0) break;
      handled += await this.runBatch(batch);
    }
    return handled;
  }

  private async runBatch(batch: ClaimedFollowUp[]): Promise<number> {
    const token = batch[0]!.token;
    const heartbeat = setInterval(() => {
      this.store.renew(token, this.o.now(), this.o.leaseMs).catch((error) => this.log.warn(`follow-up lease renewal failed: ${(error as Error).message}`));
    }, Math.max(100, Math.floor(this.o.leaseMs / 3)));
    heartbeat.unref();
    const done: { answerId: number; version: number }[] = [];
    let ran = 0;
    try {
      for (const item of batch) {
        if (this.stopped) break;
        if (await withLogContext({ job: "follow-ups", key: `answer:${item.change.answerId}` }, () => this.handle(item))) done.push({ answerId: item.change.answerId, version: item.version });
        ran++;
        // Answers first: during a burst each item waits a little, so deliveries are acknowledged at
        // full speed while follow-ups still progress (≥ 1000/pauseMs a second, more than detractors
        // arrive); the backlog is worked off as soon as the burst is over.
        await new Promise((resolve) => (this.o.busy() ? setTimeout(resolve, this.o.pauseMs) : setImmediate(resolve)));
      }
    } finally {
      clearInterval(heartbeat);
      await this.store.done(done);
      // Stopping on purpose leaves nothing locked: what did not run is free for another replica now.
      await this.store.release(batch.slice(ran));
    }
    return ran;
  }

  /** True when the row can go: handled, or given up after too many attempts. */
  private async handle(item: ClaimedFollowUp): Promise<boolean> {
    try {
      for (const handler of this.handlers) await handler(item.change, this.o.now());
      return true;
    } catch (error) {
      if (item.attempts >= this.o.maxAttempts) {
        this.log.error(`follow-up of answer #${item.change.answerId} failed ${item.attempts} times; given up`, error);
        return true;
      }
      this.log.warn(`follow-up of answer #${item.change.answerId} failed (attempt ${item.attempts}); retrying later: ${(error as Error).message}`);
      await this.store.retryAt(item.change.answerId, item.version, new Date(this.o.now().getTime() + this.o.retryDelayMs * item.attempts));
      return false;
    }
  }

  /** Runs a pass soon; while one runs, it goes on until nothing is left (answers stored meanwhile
   * too). A no-op unless started: one-shot CLI commands leave follow-ups to the running bot. */
  kick(): void {
    if (!this.started || this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    // A pass runs in its own log context, not in that of the request whose answers woke it.
    this.running = withLogContext({ job: "follow-ups" }, async () => {
      do {
        this.again = false;
        await this.runOnce().catch((error) => this.log.error("follow-up pass failed", error));
      } while (this.again && !this.stopped);
    }).finally(() => (this.running = undefined));
  }

  /** Waits until every follow-up that can be claimed now has run (CLI imports, tests). */
  async drain(): Promise<void> {
    await this.running;
    await this.runOnce();
  }

  /** The sweep: picks up rows nobody woke us for (a crash, another replica, a retry). */
  start(): void {
    this.started = true;
    this.stopped = false;
    clearInterval(this.timer);
    this.timer = setInterval(() => this.kick(), this.o.sweepMs);
    this.timer.unref();
    this.kick();
  }

  /** Follow-ups waiting in the queue (any replica's). */
  pending(): Promise<number> {
    return this.store.pending();
  }

  /** Waits for the follow-up in hand; the rest of its batch is given back (runBatch). */
  async stop(): Promise<void> {
    this.started = false;
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }
}
