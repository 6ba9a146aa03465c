// The outbox: every outgoing message is a row with a unique key, written before anything is
// sent. Workers (one per replica) claim due rows with a lease — a compare-and-set UPDATE that
// only one replica can win, on SQLite and PostgreSQL alike — and record the result. Which rows
// may be claimed (per-channel order, rate-limit pauses) is decided in core/delivery-schedule.
import { sendableNow } from "../core/delivery-schedule.ts";
import type { Platform } from "../core/platform.ts";
import type { Message } from "../messages/model.ts";
import type { Db } from "./database.ts";
import { activePauses, pauseScope } from "./delivery-pauses.ts";

export interface OutboxEntry {
  key: string;
  platform: Platform;
  target: string;
  kind: string;
  message: Message;
  threadOf?: string | null;
  /** not before this time (stories spread over the day) */
  notBefore?: Date;
}

export interface ClaimedMessage {
  id: number;
  /** a DELETE_KIND row: the platform id of the earlier message to delete (message is then empty) */
  deletes: string | null;
  key: string;
  platform: Platform;
  target: string;
  kind: string;
  message: Message;
  threadOf: string | null;
  attempts: number;
  /** the previous attempt started but never recorded an outcome: it may have been delivered */
  inDoubt: boolean;
  createdAt: Date;
}

export interface OutboxRow {
  id: number;
  key: string;
  platform: string;
  target: string;
  kind: string;
  state: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  remoteId: string | null;
}

const UNIQUE_VIOLATION = "P2002";

/** An outbox row that deletes a message sent earlier (a forgotten customer, retention) instead of posting one. */
export const DELETE_KIND = "delete";
/** The payload of a message whose content is no longer kept (erased, cancelled, or pruned after delivery). */
export const ERASED_PAYLOAD = "{}";

/** The outbox row that deletes a sent message: same place, its remoteId in the payload, keyed by
 * the original row so it is queued once. */
export function deletionEntry(m: { id: number; platform: string; target: string; remoteId: string | null; threadOf: string | null }, now: Date) {
  return {
    key: `${DELETE_KIND}:${m.id}`, platform: m.platform, target: m.target, kind: DELETE_KIND,
    payload: JSON.stringify({ deletes: m.remoteId }), threadOf: m.threadOf, nextAttemptAt: now, createdAt: now,
  };
}
/** Prefix of lastError for a failed attempt that may still have been delivered (a timeout). */
export const IN_DOUBT = "in doubt: ";

function outboxRow(entry: OutboxEntry, now: Date) {
  return {
    key: entry.key,
    platform: entry.platform,
    target: entry.target,
    kind: entry.kind,
    payload: JSON.stringify(entry.message),
    threadOf: entry.threadOf ?? null,
    nextAttemptAt: entry.notBefore ?? now,
    createdAt: now,
  };
}

export class OutboxStore {
  constructor(private readonly prisma: Db) {}

  /** Adds a message unless one with the same key exists. Returns whether it was new. */
  async enqueue(entry: OutboxEntry, now = new Date()): Promise<boolean> {
    try {
      await this.prisma.outboxMessage.create({ data: outboxRow(entry, now), select: { id: true } });
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return false;
      throw error;
    }
  }

  /** Several messages (an alert to Slack and Teams): one INSERT when none of the keys is queued
   * yet, else each as `enqueue` (a re-run after a crash finds some queued). How many were new. */
  async enqueueMany(entries: OutboxEntry[], now = new Date()): Promise<number> {
    if (entries.length <= 1) return entries.length === 1 && (await this.enqueue(entries[0]!, now)) ? 1 : 0;
    try {
      return (await this.prisma.outboxMessage.createMany({ data: entries.map((e) => outboxRow(e, now)) })).count;
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      let added = 0;
      for (const entry of entries) if (await this.enqueue(entry, now)) added++;
      return added;
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.prisma.outboxMessage.count({ where: { key } })) > 0;
  }

  /**
   * Claims up to `limit` messages that may go now (core/delivery-schedule: each channel's oldest
   * message in line, not paused, not leased) for `workerId` until now + leaseMs.
   */
  async claimDue(workerId: string, now: Date, limit: number, leaseMs: number): Promise<ClaimedMessage[]> {
    // The heads of the channels: the oldest pending message of each that is in line (inLine()
    // in SQL: attempted, or due). Only they can be sendable; the core decides which are.
    const heads = await this.prisma.outboxMessage.groupBy({
      by: ["platform", "target"],
      where: { state: "pending", OR: [{ attempts: { gt: 0 } }, { nextAttemptAt: { lte: now } }] },
      _min: { id: true },
    });
    if (heads.length === 0) return [];
    const queue = await this.prisma.outboxMessage.findMany({
      where: { id: { in: heads.map((h) => h._min.id!) } },
      select: { id: true, platform: true, target: true, attempts: true, nextAttemptAt: true, lockedUntil: true, lastError: true, sendingSince: true },
    });
    const candidates = sendableNow(queue, await activePauses(this.prisma, now), now, limit);
    const claimed: ClaimedMessage[] = [];
    for (const c of candidates) {
      // Compare-and-set: the row must still be unleased and at the attempt count we read.
      const won = await this.prisma.outboxMessage.updateMany({
        where: { id: c.id, state: "pending", attempts: c.attempts, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
        data: { lockedBy: workerId, lockedUntil: new Date(now.getTime() + leaseMs), attempts: { increment: 1 } },
      });
      if (won.count !== 1) continue;
      const row = await this.prisma.outboxMessage.findUniqueOrThrow({ where: { id: c.id } });
      const payload = JSON.parse(row.payload) as Message & { deletes?: string };
      claimed.push({
        id: row.id,
        deletes: row.kind === DELETE_KIND ? (payload.deletes ?? null) : null,
        key: row.key,
        platform: row.platform as Platform,
        target: row.target,
        kind: row.kind,
        message: payload,
        threadOf: row.threadOf,
        attempts: row.attempts,
        // Still "sending": the attempt died mid-call. IN_DOUBT: it failed in a way that may hide a delivery.
        inDoubt: c.sendingSince !== null || (c.lastError?.startsWith(IN_DOUBT) ?? false),
        createdAt: row.createdAt,
      });
    }
    return claimed;
  }

  /**
   * Marks the message "sending" (durably, right before the platform is called) and restarts its
   * lease. A batch is claimed at once but sent one message after another, so by its turn a
   * message's lease may be nearly over. False when the message is no longer ours (our lease ran
   * out and someone took it). Safe against a concurrent claim: that needs lockedUntil < now.
   */
  async beginAttempt(id: number, workerId: string, now: Date, leaseMs: number): Promise<boolean> {
    const r = await this.prisma.outboxMessage.updateMany({
      where: { id, lockedBy: workerId, state: "pending" },
      data: { lockedUntil: new Date(now.getTime() + leaseMs), sendingSince: now },
    });
    return r.count === 1;
  }

  /** The heartbeat: restarts the leases this worker still holds on these messages. */
  async renewLeases(ids: number[], workerId: string, now: Date, leaseMs: number): Promise<number> {
    if (ids.length === 0) return 0;
    const r = await this.prisma.outboxMessage.updateMany({
      where: { id: { in: ids }, lockedBy: workerId, state: "pending", lockedUntil: { not: null } },
      data: { lockedUntil: new Date(now.getTime() + leaseMs) },
    });
    return r.count;
  }

  /**
   * Gives back claimed messages this worker has not begun to send (it is stopping): free at once
   * for another replica, with the claim's attempt taken back. Doubt from an earlier attempt stays
   * (sendingSince and lastError are untouched).
   */
  async release(ids: number[], workerId: string): Promise<void> {
    if (ids.length === 0) return;
    await this.prisma.outboxMessage.updateMany({
      where: { id: { in: ids }, lockedBy: workerId, state: "pending" },
      data: { lockedUntil: null, lockedBy: null, attempts: { decrement: 1 } },
    });
  }

  /**
   * The platform refused the call with a rate limit: the pause goes to every replica first, then
   * the message waits it out without using up an attempt (a refused call is not a failed one).
   */
  async markRateLimited(id: number, workerId: string, error: string, until: Date, pause: string): Promise<void> {
    await pauseScope(this.prisma, pause, until, error);
    await this.prisma.outboxMessage.updateMany({
      where: { id, lockedBy: workerId, state: "pending" },
      data: { lastError: error.slice(0, 1000), nextAttemptAt: until, lockedUntil: null, sendingSince: null, attempts: { decrement: 1 } },
    });
  }

  /** Only the worker holding the lease may record an outcome. */
  async markSent(id: number, workerId: string, remoteId: string | null, now: Date): Promise<boolean> {
    const r = await this.prisma.outboxMessage.updateMany({
      where: { id, lockedBy: workerId, state: "pending" },
      data: { state: "sent", sentAt: now, remoteId, lockedUntil: null, lastError: null, sendingSince: null },
    });
    return r.count === 1;
  }

  /**
   * A message that went out after it was cancelled (a customer forgotten while it was being sent):
   * it is recorded as erased and its deletion queued, in one transaction. False when it was not cancelled.
   */
  async deleteIfCancelled(id: number, remoteId: string, now: Date): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const [row] = await tx.outboxMessage.updateManyAndReturn({ where: { id, state: "cancelled" }, data: { state: "erased", remoteId, sentAt: now } });
      if (row) await tx.outboxMessage.create({ data: deletionEntry(row, now) });
      return row !== undefined;
    });
  }

  async markRetry(id: number, workerId: string, error: string, nextAttemptAt: Date): Promise<void> {
    await this.prisma.outboxMessage.updateMany({
      where: { id, lockedBy: workerId, state: "pending" },
      data: { lastError: error.slice(0, 1000), nextAttemptAt, lockedUntil: null, sendingSince: null },
    });
  }

  async markDead(id: number, workerId: string, error: string): Promise<void> {
    await this.prisma.outboxMessage.updateMany({
      where: { id, lockedBy: workerId, state: "pending" },
      data: { state: "dead", lastError: error.slice(0, 1000), lockedUntil: null, sendingSince: null },
    });
  }

  async list(filter: { state?: "pending" | "sent" | "dead" }, take = 200): Promise<OutboxRow[]> {
    return this.prisma.outboxMessage.findMany({
      where: filter.state ? { state: filter.state } : {},
      orderBy: { id: "asc" },
      take,
      select: { id: true, key: true, platform: true, target: true, kind: true, state: true, attempts: true, lastError: true, createdAt: true, sentAt: true, remoteId: true },
    });
  }

  /** Rate-limit pauses running now (`kundepuls outbox`). */
  async pauses(now: Date): Promise<{ scope: string; until: Date; reason: string }[]> {
    return activePauses(this.prisma, now);
  }

  /** Dead-lettered messages go back to the queue (`kundepuls outbox --retry`). */
  async retryDead(now: Date, ids?: number[]): Promise<number> {
    const r = await this.prisma.outboxMessage.updateMany({
      where: { state: "dead", ...(ids ? { id: { in: ids } } : {}) },
      data: { state: "pending", attempts: 0, nextAttemptAt: now, lockedUntil: null, lockedBy: null, sendingSince: null, lastError: "retried by hand" },
    });
    return r.count;
  }

  /** Messages of a kind queued for a target since a time (e.g. stories posted in a channel today). */
  async countSince(kind: string, platform: Platform, target: string, since: Date): Promise<number> {
    return this.prisma.outboxMessage.count({ where: { kind, platform, target, createdAt: { gte: since } } });
  }

  /** Which of these keys are already in the outbox. */
  async existingKeys(keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = await this.prisma.outboxMessage.findMany({ where: { key: { in: keys } }, select: { key: true } });
    return new Set(rows.map((r) => r.key));
  }

  async sentCount(where: { kind?: string; keyPrefix?: string } = {}): Promise<number> {
    return this.prisma.outboxMessage.count({
      where: { state: "sent", ...(where.kind ? { kind: where.kind } : {}), ...(where.keyPrefix ? { key: { startsWith: where.keyPrefix } } : {}) },
    });
  }
}
