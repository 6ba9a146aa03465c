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

export interface StoredChange {
  answerId: number;
  source: string;
  externalId: string;
  kind: "created" | "updated";
  score: number;
  ces: number | null;
  answeredAt: Date;
}

export interface UpsertOptions {
  /** answers given at or after this get a follow-up queued; null: none (old history needs none) */
  followUpFrom?: Date | null;
}

export interface UpsertResult {
  created: number;
  updated: number;
  unchanged: number;
  /** what changed (the habits react to it through the follow-up queue) */
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
export const keyOf = (k: Key) => `${k.source}\u0000${k.externalId}`;
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

/** Queues a follow-up for answers just inserted, found by their keys ([source, externalId] pairs). */
const QUEUE_SQL: Record<Dialect, string> = {
  sqlite: `INSERT INTO "AnswerFollowUp" ("answerId", "kind", "queuedAt") SELECT a."id", 'created', ?
    FROM json_each(?) k JOIN "Answer" a ON a."source" = k.value->>0 AND a."externalId" = k.value->>1`,
  postgres: `INSERT INTO "AnswerFollowUp" ("answerId", "kind", "queuedAt") SELECT a."id", 'created', $1::timestamp(3)
    FROM json_array_elements($2::json) k JOIN "Answer" a ON a."source" = k->>0 AND a."externalId" = k->>1`,
};

/** A date as the database adapter itself writes it (SQLite: ISO text, which NPS ranges compare). */
const dbDate = (dialect: Dialect, d: Date) => (dialect === "sqlite" ? d.toISOString().replace("Z", "+00:00") : d.toISOString());

/** dbDate of an NPS interval boundary: the same period starts come up question after question. */
const boundaryTexts: Record<Dialect, Map<number, string>> = { sqlite: new Map(), postgres: new Map() };
function boundaryText(dialect: Dialect, ms: number): string {
  const known = boundaryTexts[dialect];
  let text = known.get(ms);
  if (text === undefined) {
    if (known.size >= 4096) known.clear();
    text = dbDate(dialect, new Date(ms));
    known.set(ms, text);
  }
  return text;
}

/** NPS counts: the intervals' boundaries cut time into disjoint segments; per segment and score
 * one index seek on (filter, score, answeredAt) counts the answers, with no sort or scan of rows.
 * With `withScopes` the same statement also returns the team list (scopesSql), so an /nps
 * question can be answered in one round trip (NpsService.parse). */
function histogramSql(dialect: Dialect, filter: { teamId?: number; touchpointId?: number }, withScopes = false): { sql: string; params: number[] } {
  const params: number[] = [];
  if (filter.teamId !== undefined) params.push(filter.teamId);
  if (filter.touchpointId !== undefined) params.push(filter.touchpointId);
  // The text depends only on which filters are set: built once per shape.
  const shape = `${dialect}/${filter.teamId !== undefined}/${filter.touchpointId !== undefined}/${withScopes}`;
  let sql = histogramSqlByShape.get(shape);
  if (sql === undefined) {
    sql = buildHistogramSql(dialect, filter.teamId !== undefined, filter.touchpointId !== undefined, withScopes);
    histogramSqlByShape.set(shape, sql);
  }
  return { sql, params };
}

const histogramSqlByShape = new Map<string, string>();

function buildHistogramSql(dialect: Dialect, byTeam: boolean, byTouchpoint: boolean, withScopes: boolean): string {
  const where: string[] = [];
  let n = 1; // PostgreSQL: $1 is the segments' JSON
  const p = () => (dialect === "sqlite" ? "?" : `$${++n}`);
  if (byTeam) where.push(`a."teamId" = ${p()}`);
  if (byTouchpoint) where.push(`a."touchpointId" = ${p()}`);
  const count = `(SELECT COUNT(*) FROM "Answer" a WHERE ${[...where, `a."score" = sc.s AND a."answeredAt" >= seg.f AND a."answeredAt" < seg.t`].join(" AND ")})`;
  // The counts come back as ONE text cell, "segment score count" triples joined by commas (read
  // by addCounts): Prisma maps every cell of a raw result one by one, which for 12 segments × 11
  // scores cost more than the whole statement's other client-side work.
  // PostgreSQL: MATERIALIZED reads the JSON once instead of inlining it into every count (~1.6× faster).
  const [counts, from] = dialect === "sqlite"
    ? [`group_concat(seg.i || ' ' || sc.s || ' ' || ${count}, ',')`, "seg, sc"]
    : [`string_agg(concat_ws(' ', seg.i, sc.s, ${count}), ',')`, "seg CROSS JOIN generate_series(0, 10) AS sc(s)"];
  const segments = dialect === "sqlite"
    ? `WITH seg(i, f, t) AS (SELECT key, value->>0, value->>1 FROM json_each(?)), sc(s) AS (VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9),(10))`
    : `WITH seg AS MATERIALIZED (SELECT (x.ord - 1)::int AS i, (x.e->>0)::timestamp(3) AS f, (x.e->>1)::timestamp(3) AS t FROM json_array_elements($1::json) WITH ORDINALITY AS x(e, ord))`;
  // The lists ride along as an uncorrelated subquery of the same SELECT (PostgreSQL runs a counts
  // aggregate wrapped in a subquery of its own ~5 % slower).
  return `${segments} SELECT ${withScopes ? `(${scopesSql(dialect)}) AS scopes, ` : ""}${counts} AS h FROM ${from}`;
}

/** Every team (with whether it has a current goal) and touchpoint. */
const SCOPES_ROWS = `SELECT 'team' AS kind, t."id" AS id, t."slug" AS slug, t."name" AS name,
    EXISTS (SELECT 1 FROM "Goal" g WHERE g."teamId" = t."id" AND g."supersededAt" IS NULL) AS goal FROM "Team" t
  UNION ALL SELECT 'touchpoint', "id", "name", "name", FALSE FROM "Touchpoint"`;
/** One row, one cell `j`: SCOPES_ROWS as a JSON array of [kind, id, slug or name, name, has goal]. */
const scopesSql = (dialect: Dialect) =>
  `SELECT ${dialect === "sqlite" ? "json_group_array(json_array(x.kind, x.id, x.slug, x.name, x.goal))" : "json_agg(json_build_array(x.kind, x.id, x.slug, x.name, x.goal))::text"} AS j FROM (${SCOPES_ROWS}) x`;

export interface Scopes {
  /** sorted by slug; `hasGoal`: the team has a current (not superseded) goal */
  teams: { id: number; slug: string; name: string; hasGoal: boolean }[];
  /** sorted by name */
  touchpoints: { id: number; name: string }[];
}

function parseScopes(json: string | null | undefined): Scopes {
  const rows = JSON.parse(json ?? "[]") as [string, number | string, string, string, number | boolean][];
  const bySlug = (a: { slug: string }, b: { slug: string }) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
  const teams: (Scopes["teams"][number])[] = [];
  const touchpoints: { id: number; slug: string; name: string }[] = [];
  // Indexed loops, no destructuring: cheaper before the JIT has optimised them.
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r[0] === "team") teams.push({ id: Number(r[1]), slug: r[2], name: r[3], hasGoal: r[4] === true || r[4] === 1 });
    else touchpoints.push({ id: Number(r[1]), slug: r[2], name: r[3] });
  }
  return { teams: teams.sort(bySlug), touchpoints: touchpoints.sort(bySlug).map((t) => ({ id: t.id, name: t.name })) };
}

type Histogram = { score: number; count: number }[];

/** Reads "segment score count" triples joined by commas into counts[segment * 11 + score]
 * (a scan of the text: no strings or arrays per triple). */
function addCounts(counts: Float64Array, text: string): void {
  if (text === "") return;
  let field = 0;
  let value = 0;
  let segment = 0;
  let score = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 44; // a final ","
    if (c >= 48 && c <= 57) value = value * 10 + (c - 48);
    else if (c === 32) {
      if (field === 0) segment = value;
      else score = value;
      field++;
      value = 0;
    } else if (c === 44) {
      if (field !== 2 || score > 10 || segment * 11 >= counts.length) throw new Error(`unexpected histogram row from the database near ${i}: ${text.slice(Math.max(0, i - 20), i + 1)}`);
      counts[segment * 11 + score] = value;
      field = 0;
      value = 0;
    } else throw new Error(`unexpected character in histogram from the database at ${i}: ${JSON.stringify(text[i])}`);
  }
}

/**
 * The intervals' boundaries cut time into gaps; a gap some interval covers is a segment the
 * database counts. An interval covers exactly the gaps from its from-boundary to its to-boundary,
 * so its histogram is the sum of those. Plain loops: this runs on every /nps question, often
 * before the JIT has optimised it.
 */
function segmentIntervals(dialect: Dialect, intervals: Interval[]) {
  const n = intervals.length;
  const froms = new Float64Array(n);
  const tos = new Float64Array(n);
  const all = new Float64Array(2 * n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    froms[i] = intervals[i]!.from.getTime();
    tos[i] = intervals[i]!.to.getTime();
    if (froms[i]! < tos[i]!) {
      all[m++] = froms[i]!;
      all[m++] = tos[i]!;
    }
  }
  const boundaries = all.subarray(0, m).sort(); // a typed array sorts numerically, without a callback
  const cuts: number[] = [];
  const cutIndex = new Map<number, number>();
  for (let j = 0; j < boundaries.length; j++) {
    const c = boundaries[j]!;
    if (cuts.length > 0 && cuts[cuts.length - 1] === c) continue;
    cutIndex.set(c, cuts.length);
    cuts.push(c);
  }
  const segmentOfGap = new Int32Array(Math.max(0, cuts.length - 1)).fill(-1);
  for (let i = 0; i < n; i++) {
    if (!(froms[i]! < tos[i]!)) continue;
    for (let k = cutIndex.get(froms[i]!)!, end = cutIndex.get(tos[i]!)!; k < end; k++) segmentOfGap[k] = 0;
  }
  const segments: [string, string][] = [];
  for (let k = 0; k < segmentOfGap.length; k++) {
    if (segmentOfGap[k] === -1) continue;
    segmentOfGap[k] = segments.length;
    segments.push([boundaryText(dialect, cuts[k]!), boundaryText(dialect, cuts[k + 1]!)]);
  }
  return {
    count: segments.length,
    json: JSON.stringify(segments),
    /** Per interval, from the database's "segment score count,…" text (see histogramSql). */
    histograms(triples: string | null | undefined): Histogram[] {
      const counts = new Float64Array(segments.length * 11);
      addCounts(counts, triples ?? "");
      const out: Histogram[] = new Array(n);
      for (let i = 0; i < n; i++) {
        const histogram: Histogram = [];
        out[i] = histogram;
        if (!(froms[i]! < tos[i]!)) continue;
        const first = cutIndex.get(froms[i]!)!;
        const end = cutIndex.get(tos[i]!)!;
        for (let score = 0; score <= 10; score++) {
          let total = 0;
          for (let k = first; k < end; k++) total += counts[segmentOfGap[k]! * 11 + score]!;
          if (total > 0) histogram.push({ score, count: total });
        }
      }
      return out;
    },
    /** The same, folded into detractors (0–6), passives (7–8) and promoters (9–10) per interval. */
    scoreCounts(triples: string | null | undefined): ScoreCounts[] {
      const counts = new Float64Array(segments.length * 11);
      addCounts(counts, triples ?? "");
      const out: ScoreCounts[] = new Array(n);
      for (let i = 0; i < n; i++) {
        let detractors = 0;
        let passives = 0;
        let promoters = 0;
        if (froms[i]! < tos[i]!) {
          for (let k = cutIndex.get(froms[i]!)!, end = cutIndex.get(tos[i]!)!; k < end; k++) {
            const at = segmentOfGap[k]! * 11;
            for (let score = 0; score <= 6; score++) detractors += counts[at + score]!;
            passives += counts[at + 7]! + counts[at + 8]!;
            promoters += counts[at + 9]! + counts[at + 10]!;
          }
        }
        out[i] = { promoters, passives, detractors };
      }
      return out;
    },
  };
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
  async upsertBatch(batch: NormalizedAnswer[], receivedAt = new Date(), options: UpsertOptions = {}): Promise<UpsertResult> {
    const followUpFrom = options.followUpFrom?.getTime() ?? Number.POSITIVE_INFINITY;
    try {
      return await this.upsertOnce(batch, receivedAt, followUpFrom);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return this.upsertOnce(batch, receivedAt, followUpFrom);
    }
  }

  private async upsertOnce(batch: NormalizedAnswer[], receivedAt: Date, followUpFrom: number): Promise<UpsertResult> {
    const answers = lastPerKey(batch);
    const result: UpsertResult = { created: 0, updated: 0, unchanged: batch.length - answers.length, changes: [] };
    if (answers.length === 0) return result;
    const rows = await this.toRows(answers);
    // Usually every answer is new (a push of fresh answers, a first import): one statement.
    const inserted = await this.insertNew(this.prisma, rows, receivedAt, followUpFrom, result).then(
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
      await this.insertNew(tx, rows.filter((r) => !existing.has(keyOf(r))), receivedAt, followUpFrom, result);
      for (const r of rows) {
        const old = existing.get(keyOf(r));
        if (!old) continue;
        if (old.contentHash === r.contentHash) {
          result.unchanged++;
          continue;
        }
        await tx.answer.update({ where: { id: old.id }, data: { ...r, updatedAt: receivedAt } });
        if (r.answeredAt.getTime() >= followUpFrom) {
          // Still queued from before (e.g. not yet handled as new): a new version, handled again.
          await tx.answerFollowUp.upsert({
            where: { answerId: old.id },
            create: { answerId: old.id, kind: "updated", queuedAt: receivedAt },
            update: { queuedAt: receivedAt, version: { increment: 1 }, leasedBy: null, leaseUntil: null },
          });
        }
        result.changes.push({ answerId: old.id, source: r.source, externalId: r.externalId, kind: "updated", score: r.score, ces: r.ces, answeredAt: r.answeredAt });
        result.updated++;
      }
      return result;
    });
  }

  /** One INSERT of all `rows` and their follow-ups (atomic: a unique violation stores none of them). */
  private async insertNew(db: Raw, rows: Row[], receivedAt: Date, followUpFrom: number, result: UpsertResult): Promise<void> {
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
    const fresh = rows.filter((r) => r.answeredAt.getTime() >= followUpFrom).map((r) => [r.source, r.externalId]);
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
    for (const r of rows) result.changes.push({ answerId: ids.get(keyOf(r))!, source: r.source, externalId: r.externalId, kind: "created", score: r.score, ces: r.ces, answeredAt: r.answeredAt });
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
  async scoreHistograms(filter: Omit<AggregateFilter, "from" | "to">, intervals: Interval[]): Promise<Histogram[]> {
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
  async scoreCounts(filter: Omit<AggregateFilter, "from" | "to">, intervals: Interval[]): Promise<ScoreCounts[]> {
    const plan = segmentIntervals(this.dialect, intervals);
    if (plan.count === 0) return plan.scoreCounts(null);
    const { sql, params } = histogramSql(this.dialect, filter);
    const [row] = await this.prisma.$queryRawUnsafe<{ h: string | null }[]>(sql, plan.json, ...params);
    return plan.scoreCounts(row?.h);
  }

  /** `scopes()` and `scoreCounts(filter, intervals)` in one statement (one snapshot, one round trip). */
  async scopesAndScoreCounts(filter: Omit<AggregateFilter, "from" | "to">, intervals: Interval[]): Promise<{ scopes: Scopes; counts: ScoreCounts[] }> {
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
