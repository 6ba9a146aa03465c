// What the answer writes need from a database connection: raw statements with JSON parameters,
// in a transaction. The bot's writes go through Prisma (its transaction, its one SQLite
// connection). The import, a one-shot process, talks to the driver itself: Prisma's raw path
// JSON-encodes and decodes every parameter and keeps the arguments of its last hundred calls in
// its debug history, which for an import's stream of answer chunks cost about a third of the store
// pass and kept the heap growing (everything lived long enough to reach the old generation).
import { pgSearchPath, SQLITE_CONNECTION_PRAGMAS, type DatabaseTarget, type Db, type SqliteConnection } from "./database.ts";
import type { SqliteGate } from "./sqlite-gate.ts";

export interface SqlRunner {
  query<T = Record<string, unknown>>(sql: string, params: unknown[]): Promise<T[]>;
  /** SQLite's own connection only: one prepared statement run per parameter list; for each,
   * whether it changed a row. */
  runEach?(sql: string, paramLists: unknown[][]): boolean[];
}

/** Prisma (or a Prisma transaction) as a runner. */
export function prismaRunner(db: Pick<Db, "$queryRawUnsafe">): SqlRunner {
  return { query: <T>(sql: string, params: unknown[]) => db.$queryRawUnsafe<T[]>(sql, ...params) };
}

export interface DirectConnection extends SqlRunner {
  /** Runs `work` in a transaction (SQLite: BEGIN IMMEDIATE, the write lock from the start). */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A connection of the driver's own; null for an in-memory SQLite database (a second connection
 * would see another, empty database). */
export async function openDirectConnection(target: DatabaseTarget): Promise<DirectConnection | null> {
  if (target.provider === "sqlite") {
    if (target.url === ":memory:") return null;
    const { default: Sqlite } = await import("better-sqlite3");
    const db = new Sqlite(target.url, { timeout: 10_000 });
    for (const pragma of SQLITE_CONNECTION_PRAGMAS) db.pragma(pragma);
    const statements = new StatementCache(db);
    return {
      query: async <T>(sql: string, params: unknown[] = []) => statements.run<T>(sql, params),
      runEach: (sql, paramLists) => {
        const statement = statements.prepared(sql);
        return paramLists.map((params) => statement.run(params).changes > 0);
      },
      transaction: async (work) => {
        db.exec("BEGIN IMMEDIATE");
        try {
          const result = await work();
          db.exec("COMMIT");
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec("ROLLBACK");
          throw error;
        }
      },
      close: async () => void db.close(),
    };
  }
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: target.url, ...pgSearchPath(target.schema) });
  await client.connect();
  const run = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => (await client.query(sql, params)).rows as T[];
  return {
    query: run,
    transaction: async (work) => {
      await client.query("BEGIN");
      try {
        const result = await work();
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      }
    },
    close: () => client.end(),
  };
}

/** A SQLite connection's statements, each prepared once. */
class StatementCache {
  private readonly statements = new Map<string, ReturnType<SqliteConnection["prepare"]>>();

  constructor(private readonly db: SqliteConnection) {}

  prepared(sql: string): ReturnType<SqliteConnection["prepare"]> {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  /** The rows a reader returns; none for a writer. */
  run<T>(sql: string, params: unknown[]): T[] {
    const statement = this.prepared(sql);
    if (statement.reader) return statement.all(params) as T[];
    statement.run(params);
    return [];
  }
}

/**
 * Synchronous transactions on the SQLite connection Prisma's adapter holds: the hot write path
 * (an answer pushed by a survey tool) without Prisma's query pipeline and a statement prepared
 * per call, which were ~30 % of the server's time per answer (docs/benchmarks.md). It takes its
 * turn at the gate like any statement outside a Prisma transaction, and runs start to end within
 * one call, so nothing Prisma does can come in between.
 */
export class SharedSqlite {
  private statements: StatementCache | null = null;
  private connection: SqliteConnection | null = null;

  constructor(private readonly gate: SqliteGate) {}

  /** null when the connection is not to be had (Prisma not connected yet): take Prisma's way. */
  transaction<T>(work: (query: <R>(sql: string, params: unknown[]) => R[]) => T): Promise<{ value: T } | null> {
    return this.gate.outsideTransactions(() => {
      const db = this.gate.connection();
      if (!db || db.inTransaction) return null;
      // Prisma connected again (a new connection): its statements are prepared anew.
      if (db !== this.connection) [this.connection, this.statements] = [db, new StatementCache(db)];
      const statements = this.statements!;
      return { value: db.transaction(() => work((sql, params) => statements.run(sql, params))).immediate() };
    });
  }
}
