// Job runs per period ("digest:support:2026-11-28"): a job records that it finished a period,
// so later ticks (on this or another replica) skip it cheaply.
import type { Db } from "./database.ts";

export class JobRunStore {
  constructor(private readonly prisma: Db) {}

  async isFinished(key: string): Promise<boolean> {
    const row = await this.prisma.jobRun.findUnique({ where: { key }, select: { finishedAt: true } });
    return row?.finishedAt != null;
  }

  /**
   * Takes a period for this replica alone (a pull source's poll): true when the period was not
   * started, or its runner held it longer than `leaseMs` without finishing (it died). Stronger
   * than `isFinished` for work whose effects are not keyed (an API call must not run twice).
   */
  async claim(key: string, now: Date, leaseMs: number): Promise<boolean> {
    try {
      await this.prisma.jobRun.create({ data: { key, startedAt: now } });
      return true;
    } catch (error) {
      if ((error as { code?: string }).code !== "P2002") throw error;
    }
    const row = await this.prisma.jobRun.findUnique({ where: { key } });
    if (!row || row.finishedAt || row.startedAt.getTime() > now.getTime() - leaseMs) return false;
    const taken = await this.prisma.jobRun.updateMany({ where: { key, startedAt: row.startedAt, finishedAt: null }, data: { startedAt: now } });
    return taken.count === 1;
  }

  /** Gives an unfinished period back (its work failed), so a later attempt may claim it. */
  async release(key: string): Promise<void> {
    await this.prisma.jobRun.deleteMany({ where: { key, finishedAt: null } });
  }

  /**
   * When the newest finished run whose key starts with `prefix` finished, leaving out the run
   * `except` (today's, which is being decided); null when there is none.
   */
  async lastFinishedAt(prefix: string, except: string): Promise<Date | null> {
    const last = await this.prisma.jobRun.findFirst({
      where: { key: { startsWith: prefix }, NOT: { key: except }, finishedAt: { not: null } },
      orderBy: { finishedAt: "desc" },
      select: { finishedAt: true },
    });
    return last?.finishedAt ?? null;
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
