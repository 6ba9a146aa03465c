// Stores answers once per (source, externalId): new ones are created, edited re-deliveries update
// the stored answer, identical re-deliveries change nothing. A batch is all-or-nothing.
// Writes are raw SQL taking a chunk of encoded answers as one JSON parameter (answer-rows.ts).
// A delivery of new answers is one INSERT statement (several in one transaction above
// ROWS_PER_STATEMENT rows), atomic; on SQLite it runs on Prisma's connection without Prisma
// (SharedSqlite). Only a delivery with stored answers in it takes an interactive transaction, where
// stored answers are skipped by the INSERT and then compared and updated (answer-transaction.ts);
// the import writes its lines that way too, many chunks per transaction, on its own connection.
// Answers recent enough for a follow-up (a case, a story) get an AnswerFollowUp row in the same
// transaction: stored means queued.
import type { ScoreCounts } from "../core/nps.ts";
import type { NormalizedAnswer } from "../ingest/normalized-answer.ts";
import type { DatabaseTarget, Db } from "./database.ts";
import type { SqliteGate } from "./sqlite-gate.ts";
import { Directory } from "./directory.ts";
import { histogramSql, parseScopes, scopesSql, segmentIntervals, type Histogram, type Scopes } from "./answer-counts.ts";
import { AnswerEncoder, contentHash, insertParams, insertSql, isQueued, linesParam, QUEUE_SQL } from "./answer-rows.ts";
import { chunks, findExisting, keyOf, NameWriter, writeInTransaction, written, type Inserted, type WriteCounts, type Written } from "./answer-transaction.ts";
import { openDirectConnection, prismaRunner, SharedSqlite, type SqlRunner } from "./sql-runner.ts";
import { dbDate, type Dialect, type Interval } from "./sql.ts";

export type { Interval } from "./sql.ts";
export type { Scopes } from "./answer-counts.ts";
export { AnswerEncoder, contentHash } from "./answer-rows.ts";
export { keyOf, ROWS_PER_STATEMENT, type WriteCounts } from "./answer-transaction.ts";

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

/** Later rows win when one batch names the same answer twice (the newest edit). */
function lastPerKey(batch: NormalizedAnswer[]): NormalizedAnswer[] {
  const byKey = new Map<string, NormalizedAnswer>();
  for (const a of batch) byKey.set(keyOf(a), a);
  return [...byKey.values()];
}

const UNIQUE_VIOLATION = "P2002";

/** Prisma's own unique error, the driver adapter's for raw SQL (P2010) on either database, or
 * better-sqlite3's (the shared connection). */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; meta?: { driverAdapterError?: { cause?: { kind?: string } } } };
  return e.code === UNIQUE_VIOLATION || e.code === "SQLITE_CONSTRAINT_UNIQUE" || e.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation";
}

/** A transaction of the import may take a while on a big database (its commit writes many pages). */
const IMPORT_TRANSACTION_MS = 300_000;

export class AnswerStore {
  readonly directory: Directory;
  private readonly dialect: Dialect;

  /** Writes through Prisma only, unless given `target` (where the import's own connection goes)
   * and `sqliteGate` (turns on Prisma's SQLite connection, for a delivery's INSERT). */
  private readonly shared: SharedSqlite | null;

  constructor(
    private readonly prisma: Db,
    private readonly target?: DatabaseTarget,
    sqliteGate?: SqliteGate | null,
  ) {
    this.shared = sqliteGate ? new SharedSqlite(sqliteGate) : null;
    this.directory = new Directory(prisma);
    // Both generated clients share one type; the provider tells which SQL dialect to speak.
    const provider = (prisma as unknown as { _activeProvider?: string })._activeProvider;
    this.dialect = provider === "postgresql" || provider === "postgres" ? "postgres" : "sqlite";
  }

  /** Encodes answers for `upsertBatch` / `storeEncoded`, with the rule for which get a follow-up. */
  encoder(options: UpsertOptions = {}): AnswerEncoder {
    const wanted = options.followUpIf ?? (() => true);
    return new AnswerEncoder(this.dialect, { from: options.followUpFrom?.getTime() ?? Number.POSITIVE_INFINITY, wanted });
  }

  /** Tells the encoder which team each of these answers goes to (Directory.resolveTeams), before it encodes them. */
  async resolveTeams(encoder: AnswerEncoder, answers: readonly NormalizedAnswer[]): Promise<void> {
    const slugs = encoder.unresolvedTeams(answers);
    if (slugs.length > 0) encoder.resolveTeams(await this.directory.resolveTeams(slugs));
  }

  /** Stores a batch all-or-nothing. */
  async upsertBatch(batch: NormalizedAnswer[], receivedAt = new Date(), options: UpsertOptions = {}): Promise<UpsertResult> {
    const answers = lastPerKey(batch);
    const result: UpsertResult = { created: 0, updated: 0, unchanged: batch.length - answers.length, changes: [] };
    if (answers.length === 0) return result;
    const encoder = this.encoder(options);
    await this.resolveTeams(encoder, answers);
    const lines = answers.map((a) => encoder.encode(a));
    await this.ensureNames(encoder);
    const at = dbDate(this.dialect, receivedAt);
    // Usually every answer is new (a push of fresh answers, a first import): one statement.
    const done = await this.insertAll(lines, at).catch(async (error: unknown) => {
      if (!isUniqueViolation(error)) throw error;
      // Some are stored already (nothing was written): compare and update them in a transaction.
      return this.prisma.$transaction((tx) => writeInTransaction(prismaRunner(tx), this.dialect, [lines], at, encoder, written(true)));
    });
    const byKey = new Map(answers.map((a, i) => [keyOf(a), { a, queued: isQueued(lines[i]!) }]));
    const change = (c: Inserted, kind: StoredChange["kind"], queued: boolean): StoredChange => {
      const { a } = byKey.get(keyOf(c))!;
      return { answerId: Number(c.id), source: a.source, externalId: a.externalId, kind, score: a.score, ces: a.ces, answeredAt: a.answeredAt, queued };
    };
    for (const c of done.changes!.created) result.changes.push(change(c, "created", byKey.get(keyOf(c))!.queued));
    for (const u of done.changes!.updated) result.changes.push(change(u, "updated", u.queued));
    result.created += done.created;
    result.updated += done.updated;
    result.unchanged += done.unchanged;
    return result;
  }

  /**
   * Stores encoded answers (the import's lines), read as they are needed. A transaction takes lines
   * for `transactionMs` (Infinity: all in one), then commits: on SQLite it holds the one write lock,
   * so the bot's own writes wait about that long at most. Bigger transactions are faster there: most
   * of a commit is writing the index pages the transaction dirtied to the WAL, and with answers
   * spread over five indexes of a big table a small transaction dirties nearly as many pages as a
   * big one. The chunks are pulled one statement at a time, so only a statement's lines are in
   * memory, not a transaction's. A chunk source that throws rolls its transaction back.
   */
  async storeEncoded(chunks: AsyncIterable<string[]>, encoder: AnswerEncoder, receivedAt: Date, transactionMs: number): Promise<WriteCounts> {
    const counts: WriteCounts = { created: 0, updated: 0, unchanged: 0, queued: 0 };
    const at = dbDate(this.dialect, receivedAt);
    const source = chunks[Symbol.asyncIterator]();
    let exhausted = false;
    const names = (db: SqlRunner) => new NameWriter(db, this.dialect, encoder, at);
    async function* nextTransaction(db: SqlRunner) {
      const nameWriter = names(db);
      for (const until = performance.now() + transactionMs; performance.now() < until; ) {
        const next = await source.next();
        if (next.done) return void (exhausted = true);
        // Lines may still be encoded while this transaction runs (PostgreSQL's import): teams and
        // touchpoints are created as they are first named, in the transaction (a rollback leaves none).
        await nameWriter.newNames();
        yield next.value;
      }
    }
    const direct = this.target ? await openDirectConnection(this.target) : null;
    const transaction = direct
      ? () => direct.transaction(() => writeInTransaction(direct, this.dialect, nextTransaction(direct), at, encoder, written(false)))
      : () => this.prisma.$transaction((tx) => {
        const runner = prismaRunner(tx);
        return writeInTransaction(runner, this.dialect, nextTransaction(runner), at, encoder, written(false));
      }, { timeout: IMPORT_TRANSACTION_MS });
    try {
      while (!exhausted) {
        const w = await transaction();
        counts.created += w.created;
        counts.updated += w.updated;
        counts.unchanged += w.unchanged;
        counts.queued += w.queued;
      }
    } finally {
      await direct?.close();
    }
    return counts;
  }

  /**
   * Whether a long write transaction holds up the bot's own writes. SQLite has one writer at a
   * time: an import writes in transactions of bounded length, after checking the whole file (so
   * nothing is written when a row is invalid). PostgreSQL locks rows, not the database: an import
   * can be one transaction, written while the file is still being checked, and rolled back when a
   * row turns out invalid.
   */
  get longTransactionsBlockWriters(): boolean {
    return this.dialect === "sqlite";
  }

  /** Teams and touchpoints the encoded answers name, created first, outside any transaction:
   * shared and idempotent (cached, so a known name costs nothing). */
  private async ensureNames(encoder: AnswerEncoder): Promise<void> {
    for (const slug of encoder.teams) await this.directory.teamId(slug);
    for (const name of encoder.touchpoints) await this.directory.touchpointId(name);
  }

  /** Every line inserted, all or none: a stored answer among them fails it with a unique violation. */
  private async insertAll(lines: string[], at: string): Promise<Written> {
    const queued = lines.filter(isQueued);
    // The INSERTs (RETURNING the rows they created) and, last, the follow-ups of the queued lines.
    const statements: [sql: string, params: unknown[]][] = chunks(lines).map((chunk) => [insertSql(this.dialect, false), insertParams(this.dialect, at, chunk)]);
    if (queued.length > 0) statements.push([QUEUE_SQL[this.dialect], [at, linesParam(queued)]]);
    const results = (await this.runShared(statements)) ?? (await this.runPrisma(statements));
    const created = (queued.length > 0 ? results.slice(0, -1) : results).flat();
    return { created: created.length, updated: 0, unchanged: 0, queued: queued.length, changes: { created, updated: [] } };
  }

  /** On SQLite's shared connection, in one synchronous transaction; null when it is not to be had. */
  private async runShared(statements: [string, unknown[]][]): Promise<Inserted[][] | null> {
    const done = await this.shared?.transaction((query) => statements.map(([sql, params]) => query<Inserted>(sql, params)));
    return done?.value ?? null;
  }

  private async runPrisma(statements: [string, unknown[]][]): Promise<Inserted[][]> {
    // Prisma runs a raw query only when awaited or handed to $transaction: build them lazily.
    const run = ([sql, params]: [string, unknown[]]) => this.prisma.$queryRawUnsafe<Inserted[]>(sql, ...params);
    // Several statements must commit together: one batch transaction (a single round trip).
    return statements.length === 1 ? [await run(statements[0]!)] : this.prisma.$transaction(statements.map(run));
  }

  /** What upsertBatch would do, without writing anything (for `import --dry-run`). */
  async preview(batch: NormalizedAnswer[]): Promise<Omit<UpsertResult, "changes">> {
    const answers = lastPerKey(batch);
    const hashes = answers.map((a) => ({ source: a.source, externalId: a.externalId, contentHash: contentHash(a) }));
    const existing = await findExisting(prismaRunner(this.prisma), this.dialect, hashes);
    const counts = { created: 0, updated: 0, unchanged: batch.length - answers.length };
    for (const h of hashes) {
      const old = existing.get(keyOf(h));
      if (!old) counts.created++;
      else if (old.contentHash === h.contentHash) counts.unchanged++;
      else counts.updated++;
    }
    return counts;
  }

  /** Answers per score for each interval (they may overlap), in ONE query: a report with its
   * previous period and 12-bucket trend is one round trip. Scores without answers are left out. */
  async scoreHistograms(filter: AggregateFilter, intervals: Interval[]): Promise<Histogram[]> {
    const plan = segmentIntervals(this.dialect, intervals);
    return plan.histograms(plan.count === 0 ? null : await this.segmentCounts(filter, plan.json));
  }

  /** The database's "segment score count,…" text for the segments in `json` (see histogramSql). */
  private async segmentCounts(filter: AggregateFilter, json: string): Promise<string | null | undefined> {
    const { sql, params } = histogramSql(this.dialect, filter);
    const [row] = await this.prisma.$queryRawUnsafe<{ h: string | null }[]>(sql, json, ...params);
    return row?.h;
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
    return plan.scoreCounts(plan.count === 0 ? null : await this.segmentCounts(filter, plan.json));
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
