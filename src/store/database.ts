// Opens the Prisma client for SQLite or PostgreSQL. The two providers need two generated clients
// (a client generated for sqlite refuses the pg adapter); their models are identical, so the rest
// of the code uses one type: the SQLite client's, which is the common subset of both.
import fs from "node:fs";
import path from "node:path";
import type { AnswerWriter } from "./answer-write.ts";
import type { PrismaClient as SqliteClient } from "./generated/sqlite/client.ts";
import type { Dialect } from "./sql.ts";

export type Db = SqliteClient;

export interface DatabaseTarget {
  provider: Dialect;
  /** sqlite: absolute file path or ":memory:"; postgres: connection string without `schema` */
  url: string;
  /** postgres only: the schema to use (from `?schema=`), default public */
  schema?: string;
}

export const DEFAULT_SQLITE_FILE = "data/kundepuls.db";

/** Reads DATABASE_URL: unset → a SQLite file under ./data/; postgres(ql):// → PostgreSQL. */
export function parseDatabaseUrl(databaseUrl: string | undefined, cwd = process.cwd()): DatabaseTarget {
  const raw = databaseUrl?.trim();
  if (!raw) return { provider: "sqlite", url: path.resolve(cwd, DEFAULT_SQLITE_FILE) };
  if (raw.startsWith("postgres://") || raw.startsWith("postgresql://")) {
    const url = new URL(raw);
    const schema = url.searchParams.get("schema") ?? undefined;
    url.searchParams.delete("schema");
    return { provider: "postgres", url: url.toString(), schema };
  }
  if (raw.startsWith("file:")) {
    const file = raw.slice("file:".length).replace(/^\/\/(?=\/)/, "");
    if (file === ":memory:") return { provider: "sqlite", url: ":memory:" };
    return { provider: "sqlite", url: path.resolve(cwd, file) };
  }
  throw new Error(
    `DATABASE_URL must start with file:, postgres:// or postgresql:// (got "${raw.split(":")[0]}:…")`,
  );
}

/**
 * Set on both SQLite connections openDatabase opens (Prisma's and the answer writer's). temp_store: a multi-row
 * INSERT that may fail midway journals the pages it changes; in memory rather than in a temporary
 * file it runs ~30 % faster (docs/benchmarks.md).
 */
const SQLITE_CONNECTION_PRAGMAS = ["temp_store = MEMORY"];

/** A better-sqlite3 connection (the answer writer's own). */
export type SqliteConnection = import("better-sqlite3").Database;

export interface Database {
  target: DatabaseTarget;
  prisma: Db;
  /** writes answers on a driver connection Kundepuls owns (store/answer-write.ts) */
  answerWriter: AnswerWriter;
  close(): Promise<void>;
}

/** The answer writer opened with each Prisma client, for an AnswerStore given only the client. */
const writers = new WeakMap<object, AnswerWriter>();

export function answerWriterOf(prisma: Db): AnswerWriter {
  const writer = writers.get(prisma);
  if (!writer) throw new Error("this Prisma client was not opened by openDatabase: it has no answer writer");
  return writer;
}

/**
 * Opens the client for the target's provider, and the driver connection answers are written on.
 * Only that provider's client, query compiler and driver are loaded (imported on demand): loading
 * both would cost tens of megabytes at idle.
 *
 * SQLite: Prisma's adapter opens its own connection and cannot be handed one, so the answer writer
 * has a second one to the same file; the gate keeps their transactions apart (sqlite-gate.ts).
 * PostgreSQL: Kundepuls opens one pool and hands it to Prisma's adapter; the answer writer uses it too.
 */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.provider === "sqlite") {
    // A second connection to ":memory:" would be another, empty database.
    if (target.url === ":memory:") throw new Error("SQLite in memory is not supported: use a file (DATABASE_URL=file:…)");
    fs.mkdirSync(path.dirname(target.url), { recursive: true });
    const [{ PrismaBetterSqlite3 }, { PrismaClient }, { default: Sqlite }, { SqliteGate }, { SqliteAnswerWriter }] = await Promise.all([
      import("@prisma/adapter-better-sqlite3"),
      import("./generated/sqlite/client.ts"),
      import("better-sqlite3"),
      import("./sqlite-gate.ts"),
      import("./answer-writer-sqlite.ts"),
    ]);
    const gate = new SqliteGate();
    const prisma = new PrismaClient({ adapter: gate.wrap(new PrismaBetterSqlite3({ url: target.url, timeout: 10_000 })) });
    for (const pragma of SQLITE_CONNECTION_PRAGMAS) await prisma.$executeRawUnsafe(`PRAGMA ${pragma}`);
    const connection = new Sqlite(target.url, { timeout: 10_000 });
    for (const pragma of SQLITE_CONNECTION_PRAGMAS) connection.pragma(pragma);
    const answerWriter = new SqliteAnswerWriter(connection, gate);
    return opened(target, prisma, answerWriter, () => answerWriter.close());
  }
  const [{ PrismaPg }, { PrismaClient }, { default: pg }, { PostgresAnswerWriter }] = await Promise.all([
    import("@prisma/adapter-pg"),
    import("./generated/postgres/client.ts"),
    import("pg"),
    import("./answer-writer-postgres.ts"),
  ]);
  const pool = new pg.Pool({ connectionString: target.url, max: 10, ...pgSearchPath(target.schema) });
  const postgres = new PrismaClient({ adapter: new PrismaPg(pool, target.schema ? { schema: target.schema } : undefined) });
  return opened(target, postgres as unknown as Db, new PostgresAnswerWriter(pool), () => pool.end());
}

/** The database as opened: its writer known by its client (answerWriterOf); closing disconnects
 * Prisma, then closes the driver connection the writer used (`closeDriver`). */
function opened(target: DatabaseTarget, prisma: Db, answerWriter: AnswerWriter, closeDriver: () => Promise<void>): Database {
  writers.set(prisma, answerWriter);
  return {
    target,
    prisma,
    answerWriter,
    close: async () => {
      await prisma.$disconnect();
      await closeDriver();
    },
  };
}

/** Connection options that put every session of a pool into one schema. */
export function pgSearchPath(schema: string | undefined): { options?: string } {
  if (!schema) return {};
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name "${schema}"`);
  return { options: `-c search_path=${schema}` };
}
