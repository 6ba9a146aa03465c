// Stores answers once per (source, externalId): new ones are created, edited re-deliveries update
// the stored answer, identical re-deliveries change nothing. A batch is all-or-nothing. Answers
// recent enough for a follow-up (a case, a story) get an AnswerFollowUp row in the same
// transaction: stored means queued. Every write — a delivery (the API, the survey tools, the demo)
// and the import — goes through the dialect's one AnswerWriter (answer-write.ts), on a driver
// connection Kundepuls owns; the answer's columns are described once (answer-columns.ts).
// Reads (NPS counts, scopes) go through Prisma.
import type { ScoreCounts } from "../core/nps.ts";
import type { AnswerRecord } from "../core/answer-record.ts";
import { answerWriterOf, type Db } from "./database.ts";
import { Directory } from "./directory.ts";
import { histogramSql, parseScopes, scopesSql, segmentIntervals, type Histogram, type Scopes } from "./answer-counts.ts";
import { contentHash, isQueued } from "./answer-columns.ts";
import { AnswerEncoder, keyOf, type AnswerWriter, type Inserted, type WriteCounts } from "./answer-write.ts";
import { dbDate, type Dialect, type Interval } from "./sql.ts";

export type { Interval } from "./sql.ts";
export type { Scopes } from "./answer-counts.ts";
export { AnswerEncoder, keyOf, ROWS_PER_STATEMENT, type WriteCounts } from "./answer-write.ts";

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
  followUpIf?: (a: Pick<AnswerRecord, "score" | "ces" | "comment" | "consentToShare">) => boolean;
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
function lastPerKey(batch: AnswerRecord[]): AnswerRecord[] {
  const byKey = new Map<string, AnswerRecord>();
  for (const a of batch) byKey.set(keyOf(a), a);
  return [...byKey.values()];
}

export class AnswerStore {
  readonly directory: Directory;
  private readonly dialect: Dialect;

  /** `writer`: the one opened with the client (openDatabase). */
  constructor(
    private readonly prisma: Db,
    private readonly writer: AnswerWriter = answerWriterOf(prisma),
  ) {
    this.directory = new Directory(prisma);
    this.dialect = writer.dialect;
  }

  /** Encodes answers for `upsertBatch` / `storeEncoded`, with the rule for which get a follow-up. */
  encoder(options: UpsertOptions = {}): AnswerEncoder {
    const wanted = options.followUpIf ?? (() => true);
    return new AnswerEncoder(this.dialect, { from: options.followUpFrom?.getTime() ?? Number.POSITIVE_INFINITY, wanted });
  }

  /** Tells the encoder which team each of these answers goes to (Directory.resolveTeams), before it encodes them. */
  async resolveTeams(encoder: AnswerEncoder, answers: readonly AnswerRecord[]): Promise<void> {
    const slugs = encoder.unresolvedTeams(answers);
    if (slugs.length > 0) encoder.resolveTeams(await this.directory.resolveTeams(slugs));
  }

  /** Stores a batch all-or-nothing. */
  async upsertBatch(batch: AnswerRecord[], receivedAt = new Date(), options: UpsertOptions = {}): Promise<UpsertResult> {
    const answers = lastPerKey(batch);
    const result: UpsertResult = { created: 0, updated: 0, unchanged: batch.length - answers.length, changes: [] };
    if (answers.length === 0) return result;
    const encoder = this.encoder(options);
    await this.resolveTeams(encoder, answers);
    const lines = answers.map((a) => encoder.encode(a));
    await this.ensureNames(encoder);
    const done = await this.writer.deliver(lines, dbDate(this.dialect, receivedAt), encoder);
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
   * big one. The chunks are pulled one at a time, so only a chunk's lines are in memory, not a
   * transaction's. A chunk source that throws rolls its transaction back.
   */
  async storeEncoded(chunks: AsyncIterable<string[]>, encoder: AnswerEncoder, receivedAt: Date, transactionMs: number): Promise<WriteCounts> {
    return this.writer.storeLines(chunks, dbDate(this.dialect, receivedAt), encoder, transactionMs);
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

  /** How many deliveries may be written at once: PostgreSQL takes each on its own pool connection
   * (a write there is mostly a round trip); SQLite has one writer, and its writes are synchronous. */
  get concurrentWrites(): number {
    return this.dialect === "postgres" ? 4 : 1;
  }

  /** Teams and touchpoints the encoded answers name, created first, outside any transaction:
   * shared and idempotent (cached, so a known name costs nothing). */
  private async ensureNames(encoder: AnswerEncoder): Promise<void> {
    for (const slug of encoder.teams) await this.directory.teamId(slug);
    for (const name of encoder.touchpoints) await this.directory.touchpointId(name);
  }

  /** What upsertBatch would do, without writing anything (for `import --dry-run`). */
  async preview(batch: AnswerRecord[]): Promise<Omit<UpsertResult, "changes">> {
    const answers = lastPerKey(batch);
    const hashes = answers.map((a) => ({ source: a.source, externalId: a.externalId, contentHash: contentHash(a) }));
    const existing = await this.writer.findExisting(hashes);
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
