// The queue of answer follow-ups (AnswerFollowUp rows). AnswerStore writes a row in the same
// transaction as the answer; the follow-up worker claims rows under a lease, runs the habits
// (cases, stories) and deletes exactly the version it handled. Several replicas can share it:
// a claim is a compare-and-set on the lease, and every follow-up is idempotent.
import crypto from "node:crypto";
import type { StoredChange } from "./answers.ts";
import type { Db } from "./database.ts";

export interface ClaimedFollowUp {
  change: StoredChange;
  version: number;
  attempts: number;
  /** the claim's lease token (renew / release) */
  token: string;
}

export class FollowUpStore {
  constructor(private readonly prisma: Db) {}

  /** Up to `limit` rows that nobody holds, leased to this caller until now + leaseMs. */
  async claim(now: Date, limit: number, leaseMs: number): Promise<ClaimedFollowUp[]> {
    const free = { OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] };
    const candidates = await this.prisma.answerFollowUp.findMany({ where: free, orderBy: { queuedAt: "asc" }, take: limit, select: { answerId: true } });
    if (candidates.length === 0) return [];
    // One token per claim: the rows that carry it afterwards are the ones this claim won.
    const token = crypto.randomBytes(9).toString("base64url");
    const won = await this.prisma.answerFollowUp.updateMany({
      where: { answerId: { in: candidates.map((c) => c.answerId) }, ...free },
      data: { leasedBy: token, leaseUntil: new Date(now.getTime() + leaseMs), attempts: { increment: 1 } },
    });
    if (won.count === 0) return [];
    const rows = await this.prisma.answerFollowUp.findMany({
      where: { leasedBy: token },
      include: { answer: { select: { source: true, externalId: true, score: true, ces: true, answeredAt: true } } },
      orderBy: { queuedAt: "asc" },
    });
    return rows.map((r) => ({
      change: { ...r.answer, answerId: r.answerId, kind: r.kind === "updated" ? "updated" : "created", queued: true },
      version: r.version,
      attempts: r.attempts,
      token,
    }));
  }

  /** The heartbeat: restarts the lease of the rows this claim still holds. */
  async renew(token: string, now: Date, leaseMs: number): Promise<number> {
    const r = await this.prisma.answerFollowUp.updateMany({ where: { leasedBy: token }, data: { leaseUntil: new Date(now.getTime() + leaseMs) } });
    return r.count;
  }

  /** Gives back rows that were claimed but not run (the worker is stopping): free at once, attempt taken back. */
  async release(items: Pick<ClaimedFollowUp, "change" | "token">[]): Promise<void> {
    if (items.length === 0) return;
    await this.prisma.answerFollowUp.updateMany({
      where: { answerId: { in: items.map((i) => i.change.answerId) }, leasedBy: items[0]!.token },
      data: { leasedBy: null, leaseUntil: null, attempts: { decrement: 1 } },
    });
  }

  /** Removes handled rows — unless the answer changed again meanwhile (a newer version waits). */
  async done(items: { answerId: number; version: number }[]): Promise<void> {
    if (items.length === 0) return;
    await this.prisma.answerFollowUp.deleteMany({ where: { OR: items.map(({ answerId, version }) => ({ answerId, version })) } });
  }

  /** A follow-up failed: keep the row and try again after `until`. */
  async retryAt(answerId: number, version: number, until: Date): Promise<void> {
    await this.prisma.answerFollowUp.updateMany({ where: { answerId, version }, data: { leasedBy: null, leaseUntil: until } });
  }

  async pending(): Promise<number> {
    return this.prisma.answerFollowUp.count();
  }
}
