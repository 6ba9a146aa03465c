// SQLite's one answer writer: Kundepuls's own better-sqlite3 connection to the database file, next
// to Prisma's (its adapter opens its own and cannot be handed one). SQLite has one writer at a
// time, so the two must never wait on each other inside this process: a delivery is one
// synchronous transaction (BEGIN IMMEDIATE … COMMIT within one call, nothing else runs meanwhile),
// taken at the gate while no Prisma transaction is open; the import's longer transactions take a
// turn at the gate, during which Prisma's statements wait (sqlite-gate.ts).
import { isQueued, lineValues, positionOf } from "./answer-columns.ts";
import { SQLITE, sqliteInsertParams, sqliteUpdateParams } from "./answer-sql.ts";
import { addCounts, compareStored, keyOf, NewNames, written, type AnswerEncoder, type AnswerWriter, type Existing, type Key, type WriteCounts, type Written } from "./answer-write.ts";
import type { SqliteConnection } from "./database.ts";
import { defaultTeamName } from "./directory.ts";
import type { SqliteGate } from "./sqlite-gate.ts";

type Statement = ReturnType<SqliteConnection["prepare"]>;
const SOURCE = positionOf("source");
const EXTERNAL_ID = positionOf("externalId");

export class SqliteAnswerWriter implements AnswerWriter {
  readonly dialect = "sqlite" as const;
  private readonly statements = new Map<string, Statement>();

  constructor(
    private readonly db: SqliteConnection,
    private readonly gate: SqliteGate,
  ) {}

  async deliver(lines: string[], at: string, encoder: AnswerEncoder): Promise<Written> {
    return this.gate.outsideTransactions(() => this.db.transaction(() => {
      const w = written(true);
      for (const line of lines) this.writeLine(line, at, encoder, w);
      return w;
    }).immediate());
  }

  async storeLines(lines: AsyncIterable<string[]>, at: string, encoder: AnswerEncoder, transactionMs: number): Promise<WriteCounts> {
    const counts: WriteCounts = { created: 0, updated: 0, unchanged: 0, queued: 0 };
    const source = lines[Symbol.asyncIterator]();
    const names = new NewNames(encoder);
    for (let exhausted = false; !exhausted; ) {
      const endTurn = await this.gate.beginTurn();
      try {
        this.db.exec("BEGIN IMMEDIATE");
        const w = written(false);
        for (const until = performance.now() + transactionMs; performance.now() < until; ) {
          const next = await source.next();
          if (next.done) {
            exhausted = true;
            break;
          }
          this.writeNames(names, at);
          for (const line of next.value) this.writeLine(line, at, encoder, w);
        }
        this.db.exec("COMMIT");
        addCounts(counts, w);
      } catch (error) {
        if (this.db.inTransaction) this.db.exec("ROLLBACK");
        throw error;
      } finally {
        endTurn();
      }
    }
    return counts;
  }

  async findExisting(keys: Key[]): Promise<Map<string, Existing>> {
    const found = new Map<string, Existing>();
    const find = this.prepared(SQLITE.find);
    for (const k of keys) {
      const row = find.get([k.source, k.externalId]) as Existing | undefined;
      if (row) found.set(keyOf(k), { id: Number(row.id), contentHash: row.contentHash });
    }
    return found;
  }

  async close(): Promise<void> {
    this.db.close();
  }

  /** Inserts the answer, or (stored already) compares it and updates it when it changed; queues its
   * follow-up. Lines are written in order: a later line naming the same answer is an edit of it. */
  private writeLine(line: string, at: string, encoder: AnswerEncoder, w: Written): void {
    const values = lineValues(line);
    const row = this.prepared(SQLITE.insert).get(sqliteInsertParams(values, at)) as { id: number } | undefined;
    if (row) {
      w.created++;
      w.changes?.created.push({ id: row.id, source: values[SOURCE] as string, externalId: values[EXTERNAL_ID] as string });
      if (isQueued(line)) {
        this.prepared(SQLITE.queue).run([row.id, at]);
        w.queued++;
      }
      return;
    }
    const stored = this.prepared(SQLITE.find).get([values[SOURCE], values[EXTERNAL_ID]]) as Existing;
    const edit = compareStored(line, stored, encoder, w);
    if (!edit) return;
    this.prepared(SQLITE.update).run(sqliteUpdateParams(values, at, stored.id));
    if (edit.queued) {
      this.prepared(SQLITE.requeue).run([stored.id, at]);
      w.queued++;
    }
  }

  private writeNames(names: NewNames, at: string): void {
    const { teams, touchpoints } = names.take();
    for (const slug of teams) this.prepared(SQLITE.team).run([slug, defaultTeamName(slug), at]);
    for (const name of touchpoints) this.prepared(SQLITE.touchpoint).run([name, at]);
  }

  private prepared(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }
}
