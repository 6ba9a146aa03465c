// Delivers the outbox: claims what may go now (per channel in queue order, not paused), hands
// each message to its face, records the outcome. Retries with exponential backoff and jitter,
// dead-letters after a cap or at once on a permanent error; a rate limit pauses the channel or
// workspace for every replica. Several replicas can run it on one database: leases are short
// and renewed while a batch is worked on (a dead replica's messages are free within a lease),
// and stop() gives back what was claimed but not begun.
import crypto from "node:crypto";
import { pauseKey } from "../core/delivery-schedule.ts";
import { withLogContext, type Logger } from "../logger.ts";
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
  /** called where each delivery attempt ends (metrics) */
  observe?: (event: DeliveryEvent) => void;
}

export interface DeliveryEvent {
  platform: string;
  result: "sent" | "retried" | "rate_limited" | "dead";
}

/** Default lease: how long a dead replica's messages stay locked (renewed every third of it while alive). */
export const DEFAULT_LEASE_MS = 10_000;

/** Backoff for attempt n (1-based): base·2^(n−1), capped, with "full jitter" between half and all of it. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export class OutboxWorker {
  readonly workerId: string;
  private readonly o: Required<Omit<WorkerOptions, "workerId" | "observe">>;
  private readonly observe: (event: DeliveryEvent) => void;
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
      leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
      maxAttempts: options.maxAttempts ?? 8,
      baseDelayMs: options.baseDelayMs ?? 2_000,
      maxDelayMs: options.maxDelayMs ?? 10 * 60_000,
      batchSize: options.batchSize ?? 20,
      pollMs: options.pollMs ?? 1_000,
      now: options.now ?? (() => new Date()),
      random: options.random ?? Math.random,
    };
    // A failing metrics hook must not turn a recorded outcome into a retry.
    this.observe = (event) => {
      try {
        options.observe?.(event);
      } catch (error) {
        this.log.warn(`outbox: observe hook failed: ${(error as Error).message}`);
      }
    };
  }

  /** One pass: everything that may go now. Returns how many messages were handled. */
  async runOnce(): Promise<number> {
    let handled = 0;
    while (!this.stopped) {
      const batch = await this.store.claimDue(this.workerId, this.o.now(), this.o.batchSize, this.o.leaseMs);
      if (batch.length === 0) break; // (other replicas may have won some rows)
      handled += await this.deliverBatch(batch);
    }
    return handled;
  }

  /** Sends a claimed batch one by one, renewing the leases of what is left; on stop, gives the rest back. */
  private async deliverBatch(batch: ClaimedMessage[]): Promise<number> {
    const left = new Set(batch.map((m) => m.id));
    const heartbeat = setInterval(() => {
      this.store.renewLeases([...left], this.workerId, this.o.now(), this.o.leaseMs)
        .catch((error) => this.log.warn(`outbox: lease renewal failed: ${(error as Error).message}`));
    }, Math.max(100, Math.floor(this.o.leaseMs / 3)));
    heartbeat.unref();
    let handled = 0;
    try {
      for (const message of batch) {
        if (this.stopped) break;
        await withLogContext({ job: "outbox", key: message.key }, () => this.deliver(message));
        left.delete(message.id);
        handled++;
      }
    } finally {
      clearInterval(heartbeat);
      // Stopping on purpose leaves nothing locked: what was not begun is free for another replica now.
      await this.store.release([...left], this.workerId);
    }
    return handled;
  }

  private async deliver(m: ClaimedMessage): Promise<void> {
    // Durably "sending" from here until the outcome is recorded, with a whole lease from now (the
    // batch was claimed at once). If it is not ours any more (the lease ran out before its turn
    // and another replica claimed it), skip it.
    if (!(await this.store.beginAttempt(m.id, this.workerId, this.o.now(), this.o.leaseMs))) {
      this.log.warn(`outbox: ${m.key} was taken over by another worker before its turn; skipped`);
      return;
    }
    const deliverer = this.deliverers[m.platform];
    if (!deliverer) return this.dead(m, `no ${m.platform} face is configured`);
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
          return this.observe({ platform: m.platform, result: "sent" });
        }
      } else if (m.inDoubt && deliverer.holdWhenInDoubt) {
        return this.dead(m, `fate unknown: an attempt was interrupted while posting to ${m.platform}, which cannot be asked whether it arrived; check the conversation, then \`kundepuls outbox --retry\` if it is missing`);
      }
      const result = await deliverer.deliver(delivery);
      const recorded = await this.store.markSent(m.id, this.workerId, result.remoteId, this.o.now());
      // Cancelled while it was on its way (its customer forgotten): it must not stay in the chat.
      // (its deletion is due now: this pass claims it next)
      if (!recorded && result.remoteId) await this.store.deleteIfCancelled(m.id, result.remoteId, this.o.now());
      this.log.debug(`outbox: sent ${m.key}`);
      this.observe({ platform: m.platform, result: "sent" });
    } catch (error) {
      await this.failed(m, error);
    }
  }

  private async failed(m: ClaimedMessage, error: unknown): Promise<void> {
    const text = (error as Error).message ?? String(error);
    if (error instanceof RetryableDeliveryError && error.pause) {
      // A rate limit: the whole channel (or workspace) waits, on every replica; no attempt is used up.
      const wait = error.retryAfterMs ?? backoffMs(Math.max(1, m.attempts), this.o.baseDelayMs, this.o.maxDelayMs, this.o.random);
      const scope = pauseKey(error.pause, m.platform, m.target);
      await this.store.markRateLimited(m.id, this.workerId, text, new Date(this.o.now().getTime() + wait), scope);
      this.log.warn(`outbox: ${m.key} rate-limited; ${scope} paused for ${Math.round(wait / 1000)} s: ${text}`);
      return this.observe({ platform: m.platform, result: "rate_limited" });
    }
    if (error instanceof PermanentDeliveryError || m.attempts >= this.o.maxAttempts) {
      return this.dead(m, text, ` after ${m.attempts} attempt(s)`);
    }
    const retryAfter = error instanceof RetryableDeliveryError ? (error.retryAfterMs ?? 0) : 0;
    const delay = Math.max(retryAfter, backoffMs(m.attempts, this.o.baseDelayMs, this.o.maxDelayMs, this.o.random));
    // A timeout may hide a delivery: the next attempt looks before it posts again.
    const doubt = error instanceof RetryableDeliveryError && error.maybeDelivered ? IN_DOUBT : "";
    await this.store.markRetry(m.id, this.workerId, doubt + text, new Date(this.o.now().getTime() + delay));
    this.log.warn(`outbox: ${m.key} failed (attempt ${m.attempts}), retrying in ${Math.round(delay / 1000)} s: ${text}`);
    this.observe({ platform: m.platform, result: "retried" });
  }

  private async dead(m: ClaimedMessage, why: string, after = ""): Promise<void> {
    await this.store.markDead(m.id, this.workerId, why);
    this.log.error(`outbox: dead-lettered ${m.key}${after}: ${why}`);
    this.observe({ platform: m.platform, result: "dead" });
  }

  /** Polls until stopped; `kick()` runs a pass right away (after new messages are enqueued). */
  start(): void {
    this.stopped = false;
    this.started = true;
    const loop = () => {
      if (this.stopped) return;
      this.running = withLogContext({ job: "outbox" }, () => this.runOnce())
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

  /** Waits for the message being sent, gives back the rest of the batch (see deliverBatch). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.started = false;
    clearTimeout(this.timer);
    await this.running;
  }
}
