// Delivers the outbox: claims due messages, hands each to its face, records the outcome.
// Retries with exponential backoff and jitter (honouring Retry-After), dead-letters after a cap
// or at once on a permanent error. Several replicas can run it on one database.
import crypto from "node:crypto";
import type { Logger } from "../logger.ts";
import { PermanentDeliveryError, RetryableDeliveryError, type Deliverer, type Platform } from "../services/outbox/deliverer.ts";
import { IN_DOUBT, type ClaimedMessage, type OutboxStore } from "../store/outbox.ts";

export interface WorkerOptions {
  workerId?: string;
  leaseMs?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  batchSize?: number;
  pollMs?: number;
  now?: () => Date;
  random?: () => number;
}

/** Backoff for attempt n (1-based): base·2^(n−1), capped, with "full jitter" between half and all of it. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export class OutboxWorker {
  readonly workerId: string;
  private readonly o: Required<Omit<WorkerOptions, "workerId">>;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private started = false;

  constructor(
    private readonly store: OutboxStore,
    private readonly deliverers: Partial<Record<Platform, Deliverer>>,
    private readonly log: Logger,
    options: WorkerOptions = {},
  ) {
    this.workerId = options.workerId ?? `worker-${process.pid}-${crypto.randomBytes(3).toString("hex")}`;
    this.o = {
      leaseMs: options.leaseMs ?? 60_000,
      maxAttempts: options.maxAttempts ?? 8,
      baseDelayMs: options.baseDelayMs ?? 2_000,
      maxDelayMs: options.maxDelayMs ?? 10 * 60_000,
      batchSize: options.batchSize ?? 20,
      pollMs: options.pollMs ?? 1_000,
      now: options.now ?? (() => new Date()),
      random: options.random ?? Math.random,
    };
  }

  /** One pass: everything due now. Returns how many messages were handled. */
  async runOnce(): Promise<number> {
    let handled = 0;
    for (;;) {
      const batch = await this.store.claimDue(this.workerId, this.o.now(), this.o.batchSize, this.o.leaseMs);
      for (const message of batch) await this.deliver(message);
      handled += batch.length;
      // Stop when nothing more could be claimed (other replicas may have won some rows).
      if (batch.length === 0 || this.stopped) return handled;
    }
  }

  private async deliver(m: ClaimedMessage): Promise<void> {
    // The batch was claimed at once and is sent one by one: give this message a whole lease from
    // now, so no other replica takes it over while it is being sent. If it is not ours any more
    // (the lease ran out while earlier messages were sent, and another replica claimed it), skip it.
    if (!(await this.store.renewLease(m.id, this.workerId, this.o.now(), this.o.leaseMs))) {
      this.log.warn(`outbox: ${m.key} was taken over by another worker before its turn; skipped`);
      return;
    }
    const deliverer = this.deliverers[m.platform];
    if (!deliverer) {
      await this.store.markDead(m.id, this.workerId, `no ${m.platform} face is configured`);
      this.log.error(`outbox: dead-lettered ${m.key}: no ${m.platform} face is configured`);
      return;
    }
    const delivery = { key: m.key, platform: m.platform, target: m.target, message: m.message, threadOf: m.threadOf };
    try {
      if (m.deletes !== null) {
        if (!deliverer.delete) throw new PermanentDeliveryError(`the ${m.platform} face cannot delete messages`);
        await deliverer.delete({ platform: m.platform, target: m.target, remoteId: m.deletes, threadOf: m.threadOf });
        await this.store.markSent(m.id, this.workerId, null, this.o.now());
        this.log.debug(`outbox: deleted the message of ${m.key}`);
        return;
      }
      if (m.inDoubt && deliverer.findDelivered) {
        const earlier = await deliverer.findDelivered(delivery, m.createdAt);
        if (earlier) {
          await this.store.markSent(m.id, this.workerId, earlier.remoteId, this.o.now());
          this.log.info(`outbox: ${m.key} had already arrived before a crash; not sent again`);
          return;
        }
      }
      const result = await deliverer.deliver(delivery);
      const recorded = await this.store.markSent(m.id, this.workerId, result.remoteId, this.o.now());
      // Cancelled while it was on its way (its customer forgotten): it must not stay in the chat.
      // (its deletion is due now: this pass claims it next)
      if (!recorded && result.remoteId) await this.store.deleteIfCancelled(m.id, result.remoteId, this.o.now());
      this.log.debug(`outbox: sent ${m.key}`);
    } catch (error) {
      const text = (error as Error).message ?? String(error);
      if (error instanceof PermanentDeliveryError || m.attempts >= this.o.maxAttempts) {
        await this.store.markDead(m.id, this.workerId, text);
        this.log.error(`outbox: dead-lettered ${m.key} after ${m.attempts} attempt(s): ${text}`);
        return;
      }
      const retryAfter = error instanceof RetryableDeliveryError ? (error.retryAfterMs ?? 0) : 0;
      const delay = Math.max(retryAfter, backoffMs(m.attempts, this.o.baseDelayMs, this.o.maxDelayMs, this.o.random));
      // A timeout may hide a delivery: the next attempt looks before it posts again.
      const doubt = error instanceof RetryableDeliveryError && error.maybeDelivered ? IN_DOUBT : "";
      await this.store.markRetry(m.id, this.workerId, doubt + text, new Date(this.o.now().getTime() + delay));
      this.log.warn(`outbox: ${m.key} failed (attempt ${m.attempts}), retrying in ${Math.round(delay / 1000)} s: ${text}`);
    }
  }

  /** Polls until stopped; `kick()` runs a pass right away (after new messages are enqueued). */
  start(): void {
    this.stopped = false;
    this.started = true;
    const loop = () => {
      if (this.stopped) return;
      this.running = this.runOnce()
        .then(() => undefined)
        .catch((error) => this.log.error("outbox worker pass failed", error))
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.timer = setTimeout(loop, this.o.pollMs);
        });
    };
    loop();
  }

  /** No-op unless started: one-shot CLI commands deliver with runOnce themselves. */
  kick(): void {
    if (!this.started || this.stopped || this.running) return;
    clearTimeout(this.timer);
    this.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.started = false;
    clearTimeout(this.timer);
    await this.running;
  }
}
