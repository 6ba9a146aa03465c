// Stores answers once per (source, externalId): new ones are created, edited re-deliveries update
// the stored answer, identical re-deliveries change nothing. A batch is all-or-nothing.
// The hot paths are raw SQL with the whole batch as ONE JSON parameter (Prisma's createMany costs
// ~0.4 ms per row in per-parameter work; the JSON statement ~0.03 ms), in both dialects below:
// a batch of new answers is one INSERT statement (several in one batch transaction above 500
// rows), atomic and one round trip; only a batch with stored answers in it takes an interactive
// transaction to compare content hashes and update. Answers recent enough for a follow-up (a case,
// a story) get an AnswerFollowUp row in the same transaction: stored means queued.
import crypto from "node:crypto";
import type { ScoreCounts } from "../core/nps.ts";
import type { NormalizedAnswer } from "../ingest/normalized-answer.ts";
import type { Db } from "./database.ts";
import { Directory } from "./directory.ts";
import { histogramSql, parseScopes, scopesSql, segmentIntervals, type Histogram, type Scopes } from "./answer-counts.ts";
import { dbDate, type Dialect, type Interval } from "./sql.ts";

export type { Interval } from "./sql.ts";
export type { Scopes } from "./answer-counts.ts";

export interface StoredChange {
  answerId: number;
  source: string;
  externalId: string;
  kind: "created" | "updated";
  score: number;
  ces: number | null;
  answeredAt: Date;
  /** a follow-up was queued with it (the follow-up worker has work) */
  queued: boolean;
}

export interface UpsertOptions {
  /** answers given at or after this get a follow-up queued; null: none (old history needs none) */
  followUpFrom?: Date | null;
  /** a new answer is queued only if this says a follow-up could do something (default: all) */
  followUpIf?: (a: Pick<NormalizedAnswer, "score" | "ces" | "comment" | "consentToShare">) => boolean;
}

/** Which stored rows get a follow-up queued with them. */
interface QueueRule {
  created(r: Row): boolean;
  updated(r: Row): boolean;
}

export interface UpsertResult {
  created: number;
  updated: number;
  unchanged: number;
  /** what changed (the habits react to it through the follow-up queue) */
  changes: StoredChange[];
}

/** Which answers an NPS count covers (all when empty); the time ranges are given per interval. */
export interface AggregateFilter {
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
export const keyOf = (k: Key) => `${k.source}\u0000${k.externalId}`;
type Raw = Pick<Db, "$queryRawUnsafe">;
type Existing = { id: number; contentHash: string; score: number };

/** Prisma's own unique error, or the driver adapter's for raw SQL (P2010), on either database. */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; meta?: { driverAdapterError?: { cause?: { kind?: string } } } };
  return e.code === UNIQUE_VIOLATION || e.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation";
}

/** The stored version of each answer in the batch, by source + externalId (one query per source). */
async function findExisting(db: Raw, dialect: Dialect, keys: Key[]): Promise<Map<string, Existing>> {
  const existing = new Map<string, Existing>();
  const bySource = new Map<string, string[]>();
  for (const k of keys) {
    const ids = bySource.get(k.source);
    if (ids) ids.push(k.externalId);
    else bySource.set(k.source, [k.externalId]);
  }
  const sql = dialect === "sqlite"
    ? `SELECT "id", "externalId", "contentHash", "score" FROM "Answer" WHERE "source" = ? AND "externalId" IN (SELECT value FROM json_each(?))`
    : `SELECT "id", "externalId", "contentHash", "score" FROM "Answer" WHERE "source" = $1 AND "externalId" IN (SELECT json_array_elements_text($2::json))`;
  for (const [source, ids] of bySource) {
    const found = await db.$queryRawUnsafe<{ id: number; externalId: string; contentHash: string; score: number }[]>(sql, source, JSON.stringify(ids));
    for (const f of found) existing.set(keyOf({ source, externalId: f.externalId }), { id: Number(f.id), contentHash: f.contentHash, score: Number(f.score) });
  }
  return existing;
}

/**
 * Rows per INSERT statement. Prisma's debug module keeps the arguments of its last 100 log calls
 * (for error reports) even with DEBUG unset, so each statement's JSON stays in memory a while:
 * with 5,000-row statements an import peaked at 500 MB RSS; 200-row ones hold ~15 MB (500: ~30).
 */
const ROWS_PER_STATEMENT = 200;

const COLUMNS = ["source", "externalId", "score", "ces", "comment", "customerName", "customerEmail", "customerAccount", "teamId",
  "touchpointId", "language", "consentToShare", "answeredAt", "receivedAt", "updatedAt", "contentHash"] as const;
const PG_TYPES: Partial<Record<(typeof COLUMNS)[number], string>> = {
  score: "int", ces: "int", teamId: "int", touchpointId: "int", consentToShare: "boolean",
  answeredAt: "timestamp(3)", receivedAt: "timestamp(3)", updatedAt: "timestamp(3)",
};
const quoted = COLUMNS.map((c) => `"${c}"`).join(", ");
const INSERT_SQL: Record<Dialect, string> = {
  // SQLite gets each row as a JSON array (cheaper to pick apart than an object), PostgreSQL as an object.
  sqlite: `INSERT INTO "Answer" (${quoted}) SELECT ${COLUMNS.map((_, i) => `value->>${i}`).join(", ")} FROM json_each(?)
    RETURNING "id", "source", "externalId"`,
  postgres: `INSERT INTO "Answer" (${quoted}) SELECT ${quoted} FROM json_to_recordset($1::json) AS x(${COLUMNS.map((c) => `"${c}" ${PG_TYPES[c] ?? "text"}`).join(", ")})
    RETURNING "id", "source", "externalId"`,
};

/** Queues a follow-up for answers just inserted, found by their keys ([source, externalId] pairs). */
const QUEUE_SQL: Record<Dialect, string> = {
  sqlite: `INSERT INTO "AnswerFollowUp" ("answerId", "kind", "queuedAt") SELECT a."id", 'created', ?
    FROM json_each(?) k JOIN "Answer" a ON a."source" = k.value->>0 AND a."externalId" = k.value->>1`,
  postgres: `INSERT INTO "AnswerFollowUp" ("answerId", "kind", "queuedAt") SELECT a."id", 'created', $1::timestamp(3)
    FROM json_array_elements($2::json) k JOIN "Answer" a ON a."source" = k->>0 AND a."externalId" = k->>1`,
};


type Row = Omit<NormalizedAnswer, "teamSlug" | "touchpoint"> & { teamId: number | null; touchpointId: number | null; contentHash: string };


export class AnswerStore {
  readonly directory: Directory;
  private readonly dialect: Dialect;

  constructor(private readonly prisma: Db) {
    this.directory = new Directory(prisma);
    // Both generated clients share one type; the provider tells which SQL dialect to speak.
    const provider = (prisma as unknown as { _activeProvider?: string })._activeProvider;
    this.dialect = provider === "postgresql" || provider === "postgres" ? "postgres" : "sqlite";
  }

  /** Stores a batch all-or-nothing. Retried once if a concurrent writer inserted the same key. */
  async upsertBatch(batch: NormalizedAnswer[], receivedAt = new Date(), options: UpsertOptions = {}): Promise<UpsertResult> {
    const from = options.followUpFrom?.getTime() ?? Number.POSITIVE_INFINITY;
    const wanted = options.followUpIf ?? (() => true);
    // An edit is always worth a look (a lifted score closes a case); a new answer only if wanted.
    const rule: QueueRule = { created: (r) => r.answeredAt.getTime() >= from && wanted(r), updated: (r) => r.answeredAt.getTime() >= from };
    try {
      return await this.upsertOnce(batch, receivedAt, rule);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return this.upsertOnce(batch, receivedAt, rule);
    }
  }

  private async upsertOnce(batch: NormalizedAnswer[], receivedAt: Date, rule: QueueRule): Promise<UpsertResult> {
    const answers = lastPerKey(batch);
    const result: UpsertResult = { created: 0, updated: 0, unchanged: batch.length - answers.length, changes: [] };
    if (answers.length === 0) return result;
    const rows = await this.toRows(answers);
    // Usually every answer is new (a push of fresh answers, a first import): one statement.
    const inserted = await this.insertNew(this.prisma, rows, receivedAt, rule, result).then(
      () => true,
      (error: unknown) => {
        if (isUniqueViolation(error)) return false; // some are stored already; nothing was written
        throw error;
      },
    );
    if (inserted) return result;
    return this.prisma.$transaction(async (tx) => {
      const existing = await findExisting(tx, this.dialect, rows);
      // A concurrent writer may still insert one of these first: the unique error retries the batch.
      await this.insertNew(tx, rows.filter((r) => !existing.has(keyOf(r))), receivedAt, rule, result);
      for (const r of rows) {
        const old = existing.get(keyOf(r));
        if (!old) continue;
        if (old.contentHash === r.contentHash) {
          result.unchanged++;
          continue;
        }
        await tx.answer.update({ where: { id: old.id }, data: { ...r, updatedAt: receivedAt } });
        const queued = rule.updated(r);
        if (queued) {
          // Still queued from before (e.g. not yet handled as new): a new version, handled again.
          await tx.answerFollowUp.upsert({
            where: { answerId: old.id },
            create: { answerId: old.id, kind: "updated", queuedAt: receivedAt },
            update: { queuedAt: receivedAt, version: { increment: 1 }, leasedBy: null, leaseUntil: null },
          });
        }
        result.changes.push({ answerId: old.id, source: r.source, externalId: r.externalId, kind: "updated", score: r.score, ces: r.ces, answeredAt: r.answeredAt, queued });
        result.updated++;
      }
      return result;
    });
  }

  /** One INSERT of all `rows` and their follow-ups (atomic: a unique violation stores none of them). */
  private async insertNew(db: Raw, rows: Row[], receivedAt: Date, rule: QueueRule, result: UpsertResult): Promise<void> {
    if (rows.length === 0) return;
    const at = dbDate(this.dialect, receivedAt);
    const values = rows.map((r) => ({ ...r, answeredAt: dbDate(this.dialect, r.answeredAt), receivedAt: at, updatedAt: at }));
    type Created = { id: number; source: string; externalId: string }[];
    // Prisma runs a raw query only when awaited or handed to $transaction: build them lazily.
    const statements: (() => ReturnType<Raw["$queryRawUnsafe"]>)[] = [];
    const query = (sql: string, ...params: unknown[]) => () => db.$queryRawUnsafe(sql, ...params);
    for (let i = 0; i < values.length; i += ROWS_PER_STATEMENT) {
      const chunk = values.slice(i, i + ROWS_PER_STATEMENT);
      statements.push(query(INSERT_SQL[this.dialect], JSON.stringify(this.dialect === "sqlite" ? chunk.map((v) => COLUMNS.map((c) => (c === "consentToShare" ? Number(v[c]) : v[c]))) : chunk)));
    }
    const queued = rows.map(rule.created);
    const fresh = rows.filter((_, i) => queued[i]).map((r) => [r.source, r.externalId]);
    if (fresh.length > 0) statements.push(query(QUEUE_SQL[this.dialect], at, JSON.stringify(fresh)));
    // Several statements must commit together: one batch transaction (a single round trip), or
    // the interactive transaction we are already in.
    const results = (
      statements.length === 1 ? [await statements[0]!()]
      : db === this.prisma ? await this.prisma.$transaction(statements.map((run) => run()))
      : await statements.reduce<Promise<unknown[]>>(async (done, run) => [...(await done), await run()], Promise.resolve([]))
    ) as Created[];
    const created = results.slice(0, fresh.length > 0 ? -1 : undefined).flat();
    const ids = new Map(created.map((c) => [keyOf(c), Number(c.id)]));
    rows.forEach((r, i) => result.changes.push({ answerId: ids.get(keyOf(r))!, source: r.source, externalId: r.externalId, kind: "created", score: r.score, ces: r.ces, answeredAt: r.answeredAt, queued: queued[i]! }));
    result.created += rows.length;
  }

  /** What upsertBatch would do, without writing anything (for `import --dry-run`). */
  async preview(batch: NormalizedAnswer[]): Promise<Omit<UpsertResult, "changes">> {
    const answers = lastPerKey(batch);
    const hashes = answers.map((a) => ({ source: a.source, externalId: a.externalId, contentHash: contentHash(a) }));
    const existing = await findExisting(this.prisma, this.dialect, hashes);
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
  private async toRows(answers: NormalizedAnswer[]): Promise<Row[]> {
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

  /** Answers per score for each interval (they may overlap), in ONE query: a report with its
   * previous period and 12-bucket trend is one round trip. Scores without answers are left out. */
  async scoreHistograms(filter: AggregateFilter, intervals: Interval[]): Promise<Histogram[]> {
    const plan = segmentIntervals(this.dialect, intervals);
    if (plan.count === 0) return plan.histograms(null);
    const { sql, params } = histogramSql(this.dialect, filter);
    const [row] = await this.prisma.$queryRawUnsafe<{ h: string | null }[]>(sql, plan.json, ...params);
    return plan.histograms(row?.h);
  }

  /** Every team and touchpoint, in one query (what an NPS question may name), sorted by slug/name.
   * The lists are shared with later calls that read the same: treat them as read-only. */
  async scopes(): Promise<Scopes> {
    const [row] = await this.prisma.$queryRawUnsafe<{ j: string | null }[]>(scopesSql(this.dialect));
    return this.scopesFrom(row?.j);
  }

  /** The lists as last read, while the database returns the very same text (the usual case). */
  private lastScopes: { json: string; scopes: Scopes } | null = null;

  private scopesFrom(json: string | null | undefined): Scopes {
    const text = json ?? "[]";
    if (this.lastScopes?.json === text) return this.lastScopes.scopes;
    const scopes = parseScopes(text);
    this.lastScopes = { json: text, scopes };
    return scopes;
  }

  /** Detractors, passives and promoters per interval: scoreHistograms folded (what NPS needs). */
  async scoreCounts(filter: AggregateFilter, intervals: Interval[]): Promise<ScoreCounts[]> {
    const plan = segmentIntervals(this.dialect, intervals);
    if (plan.count === 0) return plan.scoreCounts(null);
    const { sql, params } = histogramSql(this.dialect, filter);
    const [row] = await this.prisma.$queryRawUnsafe<{ h: string | null }[]>(sql, plan.json, ...params);
    return plan.scoreCounts(row?.h);
  }

  /** `scopes()` and `scoreCounts(filter, intervals)` in one statement (one snapshot, one round trip). */
  async scopesAndScoreCounts(filter: AggregateFilter, intervals: Interval[]): Promise<{ scopes: Scopes; counts: ScoreCounts[] }> {
    const plan = segmentIntervals(this.dialect, intervals);
    if (plan.count === 0) return { scopes: await this.scopes(), counts: plan.scoreCounts(null) };
    const { sql, params } = histogramSql(this.dialect, filter, true);
    const [row] = await this.prisma.$queryRawUnsafe<{ scopes: string | null; h: string | null }[]>(sql, plan.json, ...params);
    return { scopes: this.scopesFrom(row?.scopes), counts: plan.scoreCounts(row?.h) };
  }

  async count(): Promise<number> {
    return this.prisma.answer.count();
  }
}
