// Stores answers once per (source, externalId): new ones are created, edited re-deliveries update
// the stored answer, identical re-deliveries change nothing. A batch is one transaction.
import crypto from "node:crypto";
import type { NormalizedAnswer } from "../ingest/normalized-answer.ts";
import type { Db } from "./database.ts";
import { Directory } from "./directory.ts";

export interface StoredChange {
  answerId: number;
  kind: "created" | "updated";
  score: number;
  ces: number | null;
  previousScore?: number;
}

export interface UpsertResult {
  created: number;
  updated: number;
  unchanged: number;
  /** what changed, so the habits (cases, stories) can react */
  changes: StoredChange[];
}

export interface AggregateFilter {
  from: Date;
  to: Date;
  teamId?: number;
  touchpointId?: number;
}

/** Stable over re-deliveries: the fields a survey tool may edit, in a fixed order. */
export function contentHash(a: NormalizedAnswer): string {
  const fields = [a.score, a.ces, a.comment, a.customerName, a.customerEmail, a.customerAccount, a.teamSlug,
    a.touchpoint, a.language, a.consentToShare, a.answeredAt.toISOString()];
  return crypto.createHash("sha256").update(JSON.stringify(fields)).digest("base64url").slice(0, 32);
}

/** Later rows win when one batch names the same answer twice (the newest edit). */
function lastPerKey(batch: NormalizedAnswer[]): NormalizedAnswer[] {
  const byKey = new Map<string, NormalizedAnswer>();
  for (const a of batch) byKey.set(keyOf(a), a);
  return [...byKey.values()];
}

const UNIQUE_VIOLATION = "P2002";

type Key = { source: string; externalId: string };
const keyOf = (k: Key) => `${k.source}\u0000${k.externalId}`;
type Reader = Pick<Db, "answer">;

/** The stored version of each answer in the batch, by source + externalId. */
async function findExisting(db: Reader, keys: Key[]): Promise<Map<string, { id: number; contentHash: string; score: number }>> {
  const existing = new Map<string, { id: number; contentHash: string; score: number }>();
  const bySource = new Map<string, string[]>();
  for (const k of keys) {
    const ids = bySource.get(k.source);
    if (ids) ids.push(k.externalId);
    else bySource.set(k.source, [k.externalId]);
  }
  for (const [source, ids] of bySource) {
    const found = await db.answer.findMany({
      where: { source, externalId: { in: ids } },
      select: { id: true, externalId: true, contentHash: true, score: true },
    });
    for (const f of found) existing.set(keyOf({ source, externalId: f.externalId }), f);
  }
  return existing;
}

export class AnswerStore {
  readonly directory: Directory;

  constructor(private readonly prisma: Db) {
    this.directory = new Directory(prisma);
  }

  /** Stores a batch all-or-nothing. Retried once if a concurrent writer inserted the same key. */
  async upsertBatch(batch: NormalizedAnswer[], receivedAt = new Date()): Promise<UpsertResult> {
    try {
      return await this.upsertOnce(batch, receivedAt);
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      return this.upsertOnce(batch, receivedAt);
    }
  }

  private async upsertOnce(batch: NormalizedAnswer[], receivedAt: Date): Promise<UpsertResult> {
    const answers = lastPerKey(batch);
    const result: UpsertResult = { created: 0, updated: 0, unchanged: batch.length - answers.length, changes: [] };
    if (answers.length === 0) return result;
    const rows = await this.toRows(answers);
    return this.prisma.$transaction(async (tx) => {
      const existing = await findExisting(tx, rows);
      const fresh = rows.filter((r) => !existing.has(keyOf(r)));
      if (fresh.length > 0) {
        const created = await tx.answer.createManyAndReturn({
          data: fresh.map((r) => ({ ...r, receivedAt, updatedAt: receivedAt })),
          select: { id: true, score: true, ces: true },
        });
        for (const c of created) result.changes.push({ answerId: c.id, kind: "created", score: c.score, ces: c.ces });
        result.created += created.length;
      }
      for (const r of rows) {
        const old = existing.get(keyOf(r));
        if (!old) continue;
        if (old.contentHash === r.contentHash) {
          result.unchanged++;
          continue;
        }
        await tx.answer.update({ where: { id: old.id }, data: { ...r, updatedAt: receivedAt } });
        result.changes.push({ answerId: old.id, kind: "updated", score: r.score, ces: r.ces, previousScore: old.score });
        result.updated++;
      }
      return result;
    });
  }

  /** What upsertBatch would do, without writing anything (for `import --dry-run`). */
  async preview(batch: NormalizedAnswer[]): Promise<Omit<UpsertResult, "changes">> {
    const answers = lastPerKey(batch);
    const hashes = answers.map((a) => ({ source: a.source, externalId: a.externalId, contentHash: contentHash(a) }));
    const existing = await findExisting(this.prisma, hashes);
    const counts = { created: 0, updated: 0, unchanged: batch.length - answers.length };
    for (const h of hashes) {
      const old = existing.get(keyOf(h));
      if (!old) counts.created++;
      else if (old.contentHash === h.contentHash) counts.unchanged++;
      else counts.updated++;
    }
    return counts;
  }

  /** Teams and touchpoints are resolved first, outside any transaction: shared and idempotent. */
  private async toRows(answers: NormalizedAnswer[]) {
    const teamIds = new Map<string, number>();
    const touchpointIds = new Map<string, number>();
    for (const a of answers) {
      if (a.teamSlug && !teamIds.has(a.teamSlug)) teamIds.set(a.teamSlug, await this.directory.teamId(a.teamSlug));
      if (a.touchpoint && !touchpointIds.has(a.touchpoint)) touchpointIds.set(a.touchpoint, await this.directory.touchpointId(a.touchpoint));
    }
    return answers.map((a) => ({
      source: a.source,
      externalId: a.externalId,
      score: a.score,
      ces: a.ces,
      comment: a.comment,
      customerName: a.customerName,
      customerEmail: a.customerEmail,
      customerAccount: a.customerAccount,
      teamId: a.teamSlug ? teamIds.get(a.teamSlug)! : null,
      touchpointId: a.touchpoint ? touchpointIds.get(a.touchpoint)! : null,
      language: a.language,
      consentToShare: a.consentToShare,
      answeredAt: a.answeredAt,
      contentHash: contentHash(a),
    }));
  }

  /** Answers per score (0–10) in [from, to), counted by the database. */
  async scoreHistogram(filter: AggregateFilter): Promise<{ score: number; count: number }[]> {
    const groups = await this.prisma.answer.groupBy({
      by: ["score"],
      where: {
        answeredAt: { gte: filter.from, lt: filter.to },
        ...(filter.teamId !== undefined ? { teamId: filter.teamId } : {}),
        ...(filter.touchpointId !== undefined ? { touchpointId: filter.touchpointId } : {}),
      },
      _count: { _all: true },
    });
    return groups.map((g) => ({ score: g.score, count: g._count._all }));
  }

  async count(): Promise<number> {
    return this.prisma.answer.count();
  }
}
