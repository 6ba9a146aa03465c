// PostgreSQL's one answer writer: the `pg` pool Kundepuls opens and also hands to Prisma's adapter
// (store/database.ts). A delivery of new answers (the usual case) is ONE statement — insert and
// queue their follow-ups — on a pooled connection: one round trip, atomic without BEGIN/COMMIT.
// Through Prisma's client the same delivery took several round trips and its query pipeline, which
// held single-answer intake at 0.08–0.15 of the raw rate (docs/benchmarks.md). A delivery naming a
// stored answer, and the import, take a transaction on one connection of the pool.
import type pg from "pg";
import { isQueued, positionOf } from "./answer-columns.ts";
import { linesParam, POSTGRES } from "./answer-sql.ts";
import { addCounts, chunks, compareStored, keyOf, NewNames, ROWS_PER_STATEMENT, written, type AnswerEncoder, type AnswerWriter, type Existing, type Inserted,
  type Key, type WriteCounts, type Written } from "./answer-write.ts";
import { defaultTeamName } from "./directory.ts";

const UNIQUE_VIOLATION = "23505";
/** Stored answers met by the import are compared and updated this many at a time. */
const SKIPPED_PER_UPDATE = 5_000;
const SOURCE = positionOf("source");
const EXTERNAL_ID = positionOf("externalId");

type Run = <T extends pg.QueryResultRow>(sql: string, params: unknown[]) => Promise<T[]>;

export class PostgresAnswerWriter implements AnswerWriter {
  readonly dialect = "postgres" as const;

  constructor(private readonly pool: pg.Pool) {}

  async deliver(lines: string[], at: string, encoder: AnswerEncoder): Promise<Written> {
    try {
      const { rows } = await this.pool.query<Inserted>(POSTGRES.insertAndQueue, [at, linesParam(lines)]);
      const w = written(true);
      w.created = rows.length;
      w.queued = lines.filter(isQueued).length;
      w.changes!.created = rows;
      return w;
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    }
    // Some are stored already (nothing was written): insert, compare and update in a transaction.
    return this.transaction(async (run) => {
      const w = written(true);
      await writeLines(run, chunks(lines), at, encoder, w);
      return w;
    });
  }

  async storeLines(lines: AsyncIterable<string[]>, at: string, encoder: AnswerEncoder, transactionMs: number): Promise<WriteCounts> {
    const counts: WriteCounts = { created: 0, updated: 0, unchanged: 0, queued: 0 };
    const source = lines[Symbol.asyncIterator]();
    const names = new NewNames(encoder);
    let exhausted = false;
    async function* nextTransaction(run: Run): AsyncGenerator<string[]> {
      for (const until = performance.now() + transactionMs; performance.now() < until; ) {
        const next = await source.next();
        if (next.done) return void (exhausted = true);
        // Lines may still be encoded while this transaction runs (the import checks and stores at
        // once): teams and touchpoints are created as they are first named, in the transaction.
        const { teams, touchpoints } = names.take();
        if (teams.length > 0) await run(POSTGRES.teams, [at, JSON.stringify(teams.map((slug) => [slug, defaultTeamName(slug)]))]);
        if (touchpoints.length > 0) await run(POSTGRES.touchpoints, [at, JSON.stringify(touchpoints)]);
        yield* next.value.length > ROWS_PER_STATEMENT ? chunks(next.value) : [next.value];
      }
    }
    while (!exhausted) addCounts(counts, await this.transaction((run) => writeLines(run, nextTransaction(run), at, encoder, written(false))));
    return counts;
  }

  async findExisting(keys: Key[]): Promise<Map<string, Existing>> {
    return findExisting((sql, params) => this.pool.query(sql, params).then((r) => r.rows), keys);
  }

  async close(): Promise<void> {
    // The pool is Prisma's too: the database closes it (store/database.ts).
  }

  private async transaction<T>(work: (run: Run) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const run: Run = async (sql, params) => (await client.query(sql, params)).rows;
    try {
      await client.query("BEGIN");
      const result = await work(run);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
}

/** Inside a transaction: inserts what is new, skips what is stored, then compares and updates the
 * skipped (an answer named twice is inserted by its first line and updated by the second); queues
 * follow-ups for what is recent. Skipped lines are compared every SKIPPED_PER_UPDATE of them. */
async function writeLines(run: Run, lines: AsyncIterable<string[]> | Iterable<string[]>, at: string, encoder: AnswerEncoder, w: Written): Promise<Written> {
  let skipped: SkippedLine[] = [];
  for await (const chunk of lines) {
    const inserted = await run<Inserted>(POSTGRES.insertNew, [at, linesParam(chunk)]);
    w.changes?.created.push(...inserted);
    // Which lines were inserted: each inserted key stands for the first line naming it.
    const keys = new Set(inserted.map(keyOf));
    const queued: string[] = [];
    for (const line of chunk) {
      const values = JSON.parse(line) as unknown[];
      const key = { source: values[SOURCE] as string, externalId: values[EXTERNAL_ID] as string };
      if (keys.delete(keyOf(key))) {
        w.created++;
        if (isQueued(line)) queued.push(line);
      } else skipped.push({ line, key });
    }
    if (queued.length > 0) await run(POSTGRES.queue, [at, linesParam(queued)]);
    w.queued += queued.length;
    if (skipped.length >= SKIPPED_PER_UPDATE) {
      await updateStored(run, skipped, at, encoder, w);
      skipped = [];
    }
  }
  if (skipped.length > 0) await updateStored(run, skipped, at, encoder, w);
  return w;
}

/** A line whose answer was stored already, with its key (read off the line when it was skipped). */
type SkippedLine = { line: string; key: Key };

/** Answers that were stored already: unchanged, or updated (and queued again when recent). */
async function updateStored(run: Run, skipped: SkippedLine[], at: string, encoder: AnswerEncoder, w: Written): Promise<void> {
  const existing = await findExisting(run, skipped.map((s) => s.key));
  const edits = new Map<string, { line: string; queued: boolean }>();
  skipped.forEach(({ line, key: k }) => {
    const key = keyOf(k);
    const edit = compareStored(line, existing.get(key)!, encoder, w);
    if (!edit) return;
    edits.delete(key); // the later line wins
    edits.set(key, { line, queued: edit.queued });
  });
  const changed = [...edits.values()];
  for (const chunk of chunks(changed.map((e) => e.line))) await run(POSTGRES.update, [at, linesParam(chunk)]);
  const requeued = changed.filter((e) => e.queued).map((e) => e.line);
  for (const chunk of chunks(requeued)) await run(POSTGRES.requeue, [at, linesParam(chunk)]);
  w.queued += requeued.length;
}

/** The stored version of each answer named (one query per source). */
async function findExisting(run: Run, keys: Key[]): Promise<Map<string, Existing>> {
  const existing = new Map<string, Existing>();
  const bySource = new Map<string, string[]>();
  for (const k of keys) {
    const ids = bySource.get(k.source);
    if (ids) ids.push(k.externalId);
    else bySource.set(k.source, [k.externalId]);
  }
  for (const [source, ids] of bySource) {
    const found = await run<{ id: number; externalId: string; contentHash: string }>(POSTGRES.find, [source, JSON.stringify(ids)]);
    for (const f of found) existing.set(keyOf({ source, externalId: f.externalId }), { id: Number(f.id), contentHash: f.contentHash });
  }
  return existing;
}
