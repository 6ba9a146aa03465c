// Job runs per period ("digest:support:2026-11-28"): a job records that it finished a period,
// so later ticks (on this or another replica) skip it cheaply.
import type { Db } from "./database.ts";

export class JobRunStore {
  constructor(private readonly prisma: Db) {}

  async isFinished(key: string): Promise<boolean> {
    const row = await this.prisma.jobRun.findUnique({ where: { key }, select: { finishedAt: true } });
    return row?.finishedAt != null;
  }

  /** Marks a period done. Idempotent; the work itself must be idempotent too (outbox keys). */
  async finish(key: string, now: Date, detail?: string): Promise<void> {
    await this.prisma.jobRun.upsert({
      where: { key },
      create: { key, startedAt: now, finishedAt: now, detail: detail ?? null },
      update: { finishedAt: now, detail: detail ?? null },
    });
  }
}
