// A second Prisma client on a test database whose driver adapter counts what reaches the database:
// every statement, and BEGIN / COMMIT / ROLLBACK of a transaction, each one round trip (one
// driver call on SQLite, one socket write and reply on PostgreSQL). For tests that pin how many
// statements a piece of work costs, so it cannot silently grow back.
import type { IsolationLevel, SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, SqlResultSet, Transaction } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { pgSearchPath, type Db, type DatabaseTarget } from "../../src/store/database.ts";

export interface CountingClient {
  prisma: Db;
  /** the SQL texts sent since the last reset ("BEGIN", "COMMIT", "ROLLBACK" for transactions) */
  statements: string[];
  reset(): void;
  close(): Promise<void>;
}

export async function countingClient(target: DatabaseTarget): Promise<CountingClient> {
  const statements: string[] = [];
  const record = (sql: string) => statements.push(sql);
  if (target.provider === "sqlite") {
    const [{ PrismaBetterSqlite3 }, { PrismaClient }] = await Promise.all([import("@prisma/adapter-better-sqlite3"), import("../../src/store/generated/sqlite/client.ts")]);
    const prisma = new PrismaClient({ adapter: counting(new PrismaBetterSqlite3({ url: target.url, timeout: 10_000 }), record) });
    return { prisma, statements, reset: () => (statements.length = 0), close: () => prisma.$disconnect() };
  }
  const [{ PrismaPg }, { PrismaClient }] = await Promise.all([import("@prisma/adapter-pg"), import("../../src/store/generated/postgres/client.ts")]);
  const pool = new pg.Pool({ connectionString: target.url, max: 2, ...pgSearchPath(target.schema) });
  const client = new PrismaClient({ adapter: counting(new PrismaPg(pool, target.schema ? { schema: target.schema } : undefined), record) });
  return {
    prisma: client as unknown as Db,
    statements,
    reset: () => (statements.length = 0),
    close: async () => {
      await client.$disconnect();
      await pool.end();
    },
  };
}

function counting(factory: SqlDriverAdapterFactory, record: (sql: string) => void): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const inner: SqlDriverAdapter = await factory.connect();
      const adapter: SqlDriverAdapter = {
        provider: inner.provider,
        adapterName: inner.adapterName,
        queryRaw: (q: SqlQuery) => (record(q.sql), inner.queryRaw(q)),
        executeRaw: (q: SqlQuery) => (record(q.sql), inner.executeRaw(q)),
        executeScript: (s: string) => (record(s), inner.executeScript(s)),
        startTransaction: async (level?: IsolationLevel) => countingTransaction(await (record("BEGIN"), inner.startTransaction(level)), record),
        dispose: () => inner.dispose(),
        ...(inner.getConnectionInfo ? { getConnectionInfo: () => inner.getConnectionInfo!() } : {}),
      };
      return adapter;
    },
  };
}

function countingTransaction(inner: Transaction, record: (sql: string) => void): Transaction {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    options: inner.options,
    queryRaw: (q: SqlQuery) => (record(q.sql), inner.queryRaw(q)),
    executeRaw: (q: SqlQuery) => (record(q.sql), inner.executeRaw(q)),
    commit: () => (record("COMMIT"), inner.commit()),
    rollback: () => (record("ROLLBACK"), inner.rollback()),
    ...(inner.createSavepoint ? { createSavepoint: (n: string) => inner.createSavepoint!(n) } : {}),
    ...(inner.rollbackToSavepoint ? { rollbackToSavepoint: (n: string) => inner.rollbackToSavepoint!(n) } : {}),
    ...(inner.releaseSavepoint ? { releaseSavepoint: (n: string) => inner.releaseSavepoint!(n) } : {}),
  };
}
