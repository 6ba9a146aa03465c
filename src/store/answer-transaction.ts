// The write every answer store path ends in, inside a transaction on a SqlRunner (Prisma's
// transaction for a delivery that names stored answers; the import's own connection): insert what
// is new, skip what is stored, compare the skipped by content hash and update what changed, queue
// follow-ups for what is recent. And the teams and touchpoints an import names, in its transaction.
import { decodeAnswer, insertParams, insertSql, INSERT_ROW_SQLITE, isQueued, linesParam, NAMES_SQL, QUEUE_SQL, REQUEUE_SQL, rowParams,
  teamsParam, touchpointsParam, updateSql, type AnswerEncoder } from "./answer-rows.ts";
import type { SqlRunner } from "./sql-runner.ts";
import type { Dialect } from "./sql.ts";

export interface WriteCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** follow-ups queued with them */
  queued: number;
}

export type Key = { source: string; externalId: string };
export const keyOf = (k: Key) => `${k.source}\u0000${k.externalId}`;
type Existing = { id: number; contentHash: string };
export type Inserted = { id: number; source: string; externalId: string };

/** What one write did: counts, and (when asked for: a delivery reports them, an import only
 * counts) the answers it created and updated, by id. */
export interface Written extends WriteCounts {
  changes: { created: Inserted[]; updated: (Inserted & { queued: boolean })[] } | null;
}

export const written = (keepChanges: boolean): Written =>
  ({ created: 0, updated: 0, unchanged: 0, queued: 0, changes: keepChanges ? { created: [], updated: [] } : null });

/**
 * Rows per INSERT statement. Prisma's debug module keeps the arguments of its last 100 log calls
 * (for error reports) even with DEBUG unset, so each statement's JSON stays in memory a while:
 * with 5,000-row statements an import peaked at 500 MB RSS; 200-row ones hold ~15 MB (500: ~30).
 */
export const ROWS_PER_STATEMENT = 200;
/** Stored answers met by a write are compared and updated this many at a time. */
const SKIPPED_PER_UPDATE = 5_000;

/** The stored version of each answer in the batch, by source + externalId (one query per source). */
export async function findExisting(db: SqlRunner, dialect: Dialect, keys: Key[]): Promise<Map<string, Existing>> {
  const existing = new Map<string, Existing>();
  const bySource = new Map<string, string[]>();
  for (const k of keys) {
    const ids = bySource.get(k.source);
    if (ids) ids.push(k.externalId);
    else bySource.set(k.source, [k.externalId]);
  }
  const sql = dialect === "sqlite"
    ? `SELECT "id", "externalId", "contentHash" FROM "Answer" WHERE "source" = ? AND "externalId" IN (SELECT value FROM json_each(?))`
    : `SELECT "id", "externalId", "contentHash" FROM "Answer" WHERE "source" = $1 AND "externalId" IN (SELECT json_array_elements_text($2::json))`;
  for (const [source, ids] of bySource) {
    const found = await db.query<{ id: number; externalId: string; contentHash: string }>(sql, [source, JSON.stringify(ids)]);
    for (const f of found) existing.set(keyOf({ source, externalId: f.externalId }), { id: Number(f.id), contentHash: f.contentHash });
  }
  return existing;
}

/** Inside a transaction: inserts what is new, skips what is stored, then compares and updates
 * the skipped ones (an answer named twice is stored by the first line and updated by the second).
 * Skipped lines are compared every SKIPPED_PER_UPDATE of them, so a re-import in one
 * transaction does not hold them all. */
export async function writeInTransaction(db: SqlRunner, dialect: Dialect, lines: AsyncIterable<string[]> | Iterable<string[]>, at: string, encoder: AnswerEncoder, written: Written): Promise<Written> {
  let skipped: string[] = [];
  for await (const chunk of mapChunks(lines)) {
    const inserted = await insertChunk(db, dialect, chunk, at, written);
    const queued = chunk.filter((line, i) => inserted[i] && isQueued(line));
    chunk.forEach((line, i) => (inserted[i] ? written.created++ : skipped.push(line)));
    if (queued.length > 0) await db.query(QUEUE_SQL[dialect], [at, linesParam(queued)]);
    written.queued += queued.length;
    if (skipped.length >= SKIPPED_PER_UPDATE) {
      await updateStored(db, dialect, skipped, at, encoder, written);
      skipped = [];
    }
  }
  if (skipped.length > 0) await updateStored(db, dialect, skipped, at, encoder, written);
  return written;
}

/** Inserts a chunk, skipping the answers stored already (an answer named twice is stored by its
 * first line): for each line, whether it was inserted. */
async function insertChunk(db: SqlRunner, dialect: Dialect, chunk: string[], at: string, written: Written): Promise<boolean[]> {
  // The import's own SQLite connection: one prepared statement bound per answer, which beats the
  // JSON statement there (~15 % of an import); it reports no ids, which only a delivery wants.
  if (db.runEach && !written.changes) return db.runEach(INSERT_ROW_SQLITE, chunk.map((line) => rowParams(line, at)));
  const inserted = await db.query<Inserted>(insertSql(dialect, true), insertParams(dialect, at, chunk));
  written.changes?.created.push(...inserted);
  if (inserted.length === chunk.length) return chunk.map(() => true);
  // Which lines were skipped: each inserted key stands for the first line naming it.
  const keys = new Set(inserted.map(keyOf));
  return chunk.map((line) => keys.delete(keyOf(decodeAnswer(line))));
}

/** Answers that were stored already: unchanged, or updated (and queued again when recent). */
async function updateStored(db: SqlRunner, dialect: Dialect, lines: string[], at: string, encoder: AnswerEncoder, written: Written): Promise<void> {
  const answers = lines.map(decodeAnswer);
  const existing = await findExisting(db, dialect, answers);
  const changed = new Map<string, { line: string; id: number; queued: boolean }>();
  answers.forEach((a, i) => {
    const key = keyOf(a);
    const old = existing.get(key)!;
    if (old.contentHash === a.contentHash) {
      written.unchanged++;
      return;
    }
    old.contentHash = a.contentHash; // a later line naming it again compares with this version
    const queued = encoder.queuesEdit(a);
    changed.delete(key); // the later line wins
    changed.set(key, { line: lines[i]!, id: old.id, queued });
    written.updated++;
    written.changes?.updated.push({ id: old.id, source: a.source, externalId: a.externalId, queued });
  });
  const edits = [...changed.values()];
  for (const chunk of chunks(edits.map((e) => e.line))) await db.query(updateSql(dialect), [at, linesParam(chunk)]);
  const requeued = edits.filter((e) => e.queued).map((e) => e.line);
  for (const chunk of chunks(requeued)) await db.query(REQUEUE_SQL[dialect], [at, linesParam(chunk)]);
  written.queued += requeued.length;
}

/** Writes, in one transaction, the teams and touchpoints the encoder has met that it has not written yet. */
export class NameWriter {
  private teams = 0;
  private touchpoints = 0;

  constructor(
    private readonly db: SqlRunner,
    private readonly dialect: Dialect,
    private readonly encoder: AnswerEncoder,
    private readonly at: string,
  ) {}

  /** The encoder's sets only grow, in insertion order: what is new is what lies past the count written. */
  async newNames(): Promise<void> {
    // Taken before the first await: the encoder may meet more names meanwhile (the next call's).
    const since = (names: Set<string>, written: number) => (names.size > written ? [...names].slice(written) : []);
    const teams = since(this.encoder.teams, this.teams);
    const touchpoints = since(this.encoder.touchpoints, this.touchpoints);
    this.teams += teams.length;
    this.touchpoints += touchpoints.length;
    if (teams.length > 0) await this.db.query(NAMES_SQL[this.dialect].teams, [this.at, teamsParam(teams)]);
    if (touchpoints.length > 0) await this.db.query(NAMES_SQL[this.dialect].touchpoints, [this.at, touchpointsParam(touchpoints)]);
  }
}

/** Lines in statements of ROWS_PER_STATEMENT. */
export function chunks(lines: string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < lines.length; i += ROWS_PER_STATEMENT) out.push(lines.slice(i, i + ROWS_PER_STATEMENT));
  return out;
}

/** Groups of lines cut to statements of ROWS_PER_STATEMENT. */
async function* mapChunks(groups: AsyncIterable<string[]> | Iterable<string[]>): AsyncGenerator<string[]> {
  for await (const group of groups) yield* group.length > ROWS_PER_STATEMENT ? chunks(group) : [group];
}
