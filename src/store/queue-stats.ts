// The two queues' depth and age, for the metrics scrape: grouped counts over the pending rows
// only (the outbox's (state, nextAttemptAt) index, the follow-ups' queuedAt index).
import type { Db } from "./database.ts";

export interface QueueStats {
  outbox: { platform: string; depth: number; oldestSeconds: number }[];
  followUps: { queued: number; oldestSeconds: number };
}

export async function queueStats(prisma: Db, now = new Date()): Promise<QueueStats> {
  const age = (since: Date | null | undefined) => (since ? Math.max(0, (now.getTime() - since.getTime()) / 1000) : 0);
  const [outbox, followUps] = await Promise.all([
    prisma.outboxMessage.groupBy({ by: ["platform"], where: { state: "pending" }, _count: { _all: true }, _min: { createdAt: true } }),
    prisma.answerFollowUp.aggregate({ _count: { _all: true }, _min: { queuedAt: true } }),
  ]);
  return {
    outbox: outbox.map((row) => ({ platform: row.platform, depth: row._count._all, oldestSeconds: age(row._min.createdAt) })),
    followUps: { queued: followUps._count._all, oldestSeconds: age(followUps._min.queuedAt) },
  };
}
