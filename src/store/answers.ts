// Stores answers once per (source, externalId): new ones are created, edited re-deliveries update
// the stored answer, identical re-deliveries change nothing. A batch is all-or-nothing.
// The hot paths are raw SQL with the whole batch as ONE JSON parameter (Prisma's createMany costs
// ~0.4 ms per row in per-parameter work; the JSON statement ~0.03 ms), in both dialects below:
// a batch of new answers is one INSERT statement (several in one batch transaction above 500
// rows), atomic and one round trip; only a batch with stored answers in it takes an interactive
// transaction to compare content hashes and update.
import crypto from "node:crypto";
import type { NormalizedAnswer } from "../ingest/normalized-answer.ts";
import type { Db } from "./database.ts";
import { Directory } from "./directory.ts";

export interface StoredChange {
  answerId: number;
  kind: "created" | "updated";
  score: number;
  ces: number | null;
  /** lets a follow-up skip old answers (e.g. a history import) without reading them again */
  answeredAt: Date;
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
type Raw = Pick<Db, "$queryRawUnsafe">;
type Dialect = "sqlite" | "postgres";
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
 * with 5,000-row statements an import peaked at 500 MB RSS; 500-row ones keep it to a few MB.
 */
const ROWS_PER_STATEMENT = 500;

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

/** A date as the database adapter itself writes it (SQLite: ISO text, which NPS ranges compare). */
const dbDate = (dialect: Dialect, d: Date) => (dialect === "sqlite" ? d.toISOString().replace("Z", "+00:00") : d.toISOString());

/** NPS counts: the intervals' boundaries cut time into disjoint segments; per segment and score
 * one index seek on (filter, score, answeredAt) counts the answers, with no sort or scan of rows. */
function histogramSql(dialect: Dialect, filter: { teamId?: number; touchpointId?: number }): { sql: string; params: number[] } {
  const where: string[] = [];
  const params: number[] = [];
  const p = (v: number) => (params.push(v), dialect === "sqlite" ? "?" : `$${params.length + 1}`);
  if (filter.teamId !== undefined) where.push(`a."teamId" = ${p(filter.teamId)}`);
  if (filter.touchpointId !== undefined) where.push(`a."touchpointId" = ${p(filter.touchpointId)}`);
  const count = `(SELECT COUNT(*) FROM "Answer" a WHERE ${[...where, `a."score" = sc.s AND a."answeredAt" >= seg.f AND a."answeredAt" < seg.t`].join(" AND ")})`;
  // PostgreSQL: MATERIALIZED reads the JSON once instead of inlining it into every count (~1.6× faster).
  const sql = dialect === "sqlite"
    ? `WITH seg(i, f, t) AS (SELECT key, value->>0, value->>1 FROM json_each(?)), sc(s) AS (VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9),(10))
       SELECT seg.i AS seg, sc.s AS score, ${count} AS n FROM seg, sc`
    : `WITH seg AS MATERIALIZED (SELECT (x.ord - 1)::int AS i, (x.e->>0)::timestamp(3) AS f, (x.e->>1)::timestamp(3) AS t FROM json_array_elements($1::json) WITH ORDINALITY AS x(e, ord))
       SELECT seg.i AS seg, sc.s AS score, ${count} AS n FROM seg CROSS JOIN generate_series(0, 10) AS sc(s)`;
  return { sql, params };
}

type Row = Omit<NormalizedAnswer, "teamSlug" | "touchpoint"> & { teamId: number | null; touchpointId: number | null; contentHash: string };

export interface Interval {
  from: Date;
  to: Date;
}

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
  async upsertBatch(batch: NormalizedAnswer[], receivedAt = new Date()): Promise<UpsertResult> {
    try {
      return await this.upsertOnce(batch, receivedAt);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return this.upsertOnce(batch, receivedAt);
    }
  }

  private async upsertOnce(batch: NormalizedAnswer[], receivedAt: Date): Promise<UpsertResult> {
    const answers = lastPerKey(batch);
    const result: UpsertResult = { created: 0, updated: 0, unchanged: batch.length - answers.length, changes: [] };
    if (answers.length === 0) return result;
    const rows = await this.toRows(answers);
    // Usually every answer is new (a push of fresh answers, a first import): one statement.
    const inserted = await this.insertNew(this.prisma, rows, receivedAt, result).then(
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
      await this.insertNew(tx, rows.filter((r) => !existing.has(keyOf(r))), receivedAt, result);
      for (const r of rows) {
        const old = existing.get(keyOf(r));
        if (!old) continue;
        if (old.contentHash === r.contentHash) {
          result.unchanged++;
          continue;
        }
        await tx.answer.update({ where: { id: old.id }, data: { ...r, updatedAt: receivedAt } });
        result.changes.push({ answerId: old.id, kind: "updated", score: r.score, ces: r.ces, answeredAt: r.answeredAt, previousScore: old.score });
        result.updated++;
      }
      return result;
    });
  }

  /** One INSERT of all `rows` (atomic: a unique violation stores none of them). */
  private async insertNew(db: Raw, rows: Row[], receivedAt: Date, result: UpsertResult): Promise<void> {
    if (rows.length === 0) return;
    const at = dbDate(this.dialect, receivedAt);
    const values = rows.map((r) => ({ ...r, answeredAt: dbDate(this.dialect, r.answeredAt), receivedAt: at, updatedAt: at }));
    const statements: string[] = [];
    for (let i = 0; i < values.length; i += ROWS_PER_STATEMENT) {
      const chunk = values.slice(i, i + ROWS_PER_STATEMENT);
      statements.push(JSON.stringify(this.dialect === "sqlite" ? chunk.map((v) => COLUMNS.map((c) => (c === "consentToShare" ? Number(v[c]) : v[c]))) : chunk));
    }
    type Created = { id: number; source: string; externalId: string }[];
    const run = (on: Raw, json: string) => on.$queryRawUnsafe<Created>(INSERT_SQL[this.dialect], json);
    // Several statements must commit together: one batch transaction (a single round trip), or
    // the interactive transaction we are already in.
    const created = (
      statements.length === 1 ? [await run(db, statements[0]!)]
      : db === this.prisma ? await this.prisma.$transaction(statements.map((json) => run(this.prisma, json)))
      : await statements.reduce<Promise<Created[]>>(async (done, json) => [...(await done), await run(db, json)], Promise.resolve([]))
    ).flat();
    const ids = new Map(created.map((c) => [keyOf(c), Number(c.id)]));
    for (const r of rows) result.changes.push({ answerId: ids.get(keyOf(r))!, kind: "created", score: r.score, ces: r.ces, answeredAt: r.answeredAt });
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

  /** Answers per score (0–10) in [from, to), counted by the database. */
  async scoreHistogram(filter: AggregateFilter): Promise<{ score: number; count: number }[]> {
    const [histogram] = await this.scoreHistograms(filter, [filter]);
    return histogram!;
  }

  /** Answers per score for each interval (they may overlap), in ONE query: a report with its
   * previous period and 12-bucket trend is one round trip. Scores without answers are left out. */
  async scoreHistograms(filter: Omit<AggregateFilter, "from" | "to">, intervals: Interval[]): Promise<{ score: number; count: number }[][]> {
    const cuts = [...new Set(intervals.flatMap((i) => (i.from < i.to ? [i.from.getTime(), i.to.getTime()] : [])))].sort((a, b) => a - b);
    const segments: [number, number][] = [];
    for (let k = 1; k < cuts.length; k++) {
      const [f, t] = [cuts[k - 1]!, cuts[k]!];
      if (intervals.some((i) => i.from.getTime() <= f && t <= i.to.getTime())) segments.push([f, t]);
    }
    const counts = segments.map(() => new Array<number>(11).fill(0));
    if (segments.length > 0) {
      const { sql, params } = histogramSql(this.dialect, filter);
      const json = JSON.stringify(segments.map(([f, t]) => [dbDate(this.dialect, new Date(f)), dbDate(this.dialect, new Date(t))]));
      const rows = await this.prisma.$queryRawUnsafe<{ seg: number; score: number; n: number | bigint }[]>(sql, json, ...params);
      for (const r of rows) counts[Number(r.seg)]![Number(r.score)] = Number(r.n);
    }
    return intervals.map((i) => {
      const total = new Array<number>(11).fill(0);
      segments.forEach(([f, t], k) => {
        if (i.from.getTime() <= f && t <= i.to.getTime()) counts[k]!.forEach((n, score) => (total[score]! += n));
      });
      return total.flatMap((count, score) => (count > 0 ? [{ score, count }] : []));
    });
  }

  /** Every team and touchpoint, in one query (what an NPS question may name), sorted by slug/name. */
  async scopes(): Promise<{ teams: { id: number; slug: string; name: string }[]; touchpoints: { id: number; name: string }[] }> {
    const rows = await this.prisma.$queryRawUnsafe<{ kind: string; id: number; slug: string; name: string }[]>(
      `SELECT 'team' AS kind, "id", "slug", "name" FROM "Team" UNION ALL SELECT 'touchpoint', "id", "name", "name" FROM "Touchpoint"`,
    );
    const by = (kind: string) => rows.filter((r) => r.kind === kind).sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
    return {
      teams: by("team").map((r) => ({ id: Number(r.id), slug: r.slug, name: r.name })),
      touchpoints: by("touchpoint").map((r) => ({ id: Number(r.id), name: r.name })),
    };
  }

  async count(): Promise<number> {
    return this.prisma.answer.count();
  }
}
