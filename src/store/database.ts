// Opens the Prisma client for SQLite or PostgreSQL. The two providers need two generated clients
// (a client generated for sqlite refuses the pg adapter); their models are identical, so the rest
// of the code uses one type: the SQLite client's, which is the common subset of both.
import fs from "node:fs";
import path from "node:path";
import type { PrismaClient as SqliteClient } from "./generated/sqlite/client.ts";
import { SqliteGate } from "./sqlite-gate.ts";

export type Db = SqliteClient;
export type Provider = "sqlite" | "postgres";

export interface DatabaseTarget {
  provider: Provider;
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
 * Set on every SQLite connection we open (Prisma's and the import's own). temp_store: a multi-row
 * INSERT that may fail midway journals the pages it changes; in memory rather than in a temporary
 * file it runs ~30 % faster (docs/benchmarks.md).
 */
export const SQLITE_CONNECTION_PRAGMAS = ["temp_store = MEMORY"];

/** The better-sqlite3 connection Prisma's SQLite adapter opened (the one connection it uses). */
export type SqliteConnection = import("better-sqlite3").Database;

export interface Database {
  target: DatabaseTarget;
  prisma: Db;
  /** SQLite: the turns on Prisma's one connection (and the connection, for the answer writes
   * that skip Prisma); null on PostgreSQL */
  sqliteGate: SqliteGate | null;
  close(): Promise<void>;
}

/**
 * Opens the client for the target's provider. Only that provider's client, query compiler and
 * driver are loaded (imported on demand): loading both would cost tens of megabytes at idle.
 */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.provider === "sqlite") {
    if (target.url !== ":memory:") fs.mkdirSync(path.dirname(target.url), { recursive: true });
    const [{ PrismaBetterSqlite3 }, { PrismaClient }] = await Promise.all([
      import("@prisma/adapter-better-sqlite3"),
      import("./generated/sqlite/client.ts"),
    ]);
    const gate = new SqliteGate();
    const adapter = gate.wrap(new PrismaBetterSqlite3({ url: target.url, timeout: 10_000 }));
    const prisma = new PrismaClient({ adapter });
    for (const pragma of SQLITE_CONNECTION_PRAGMAS) await prisma.$executeRawUnsafe(`PRAGMA ${pragma}`);
    return { target, prisma, sqliteGate: gate, close: () => prisma.$disconnect() };
  }
  const [{ PrismaPg }, { PrismaClient }] = await Promise.all([import("@prisma/adapter-pg"), import("./generated/postgres/client.ts")]);
  const adapter = new PrismaPg(
    { connectionString: target.url, max: 10, ...pgSearchPath(target.schema) },
    target.schema ? { schema: target.schema } : undefined,
  );
  const prisma = new PrismaClient({ adapter }) as unknown as Db;
  return { target, prisma, sqliteGate: null, close: () => prisma.$disconnect() };
}

/** Connection options that put every session of a pool into one schema. */
export function pgSearchPath(schema: string | undefined): { options?: string } {
  if (!schema) return {};
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name "${schema}"`);
  return { options: `-c search_path=${schema}` };
}
