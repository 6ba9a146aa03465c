// Every storage test runs against SQLite and PostgreSQL. Each run gets its own SQLite file or
// its own Postgres schema (dropped afterwards), so runs never see each other's data.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase, type Database, type DatabaseTarget } from "../../src/store/database.ts";
import { applyMigrations } from "../../src/store/migrate.ts";
import type { Dialect } from "../../src/store/sql.ts";

export const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
export const PROVIDERS: Dialect[] = ["sqlite", "postgres"];

export interface TestDatabase {
  target: DatabaseTarget;
  /** DATABASE_URL that points at this database (for child processes) */
  databaseUrl: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(provider: Dialect): Promise<TestDatabase> {
  const id = crypto.randomBytes(6).toString("hex");
  if (provider === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kundepuls-test-"));
    const file = path.join(dir, `test-${id}.db`);
    return {
      target: { provider, url: file },
      databaseUrl: `file:${file}`,
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const schema = `kp_test_${id}`;
  return {
    target: { provider, url: POSTGRES_URL, schema },
    databaseUrl: `${POSTGRES_URL}?schema=${schema}`,
    drop: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}

/** A migrated, empty database and its Prisma client; call `dispose` in afterAll. */
export async function migratedDatabase(provider: Dialect): Promise<{ db: Database; test: TestDatabase; dispose(): Promise<void> }> {
  const test = await createTestDatabase(provider);
  await applyMigrations(test.target);
  const db = await openDatabase(test.target);
  return {
    db,
    test,
    dispose: async () => {
      await db.close();
      await test.drop();
    },
  };
}

/** Empties every table (not the migrations' record) and restarts the ids: a migrated database as
 * new, far cheaper than migrating another one. For test files whose tests each need a fresh start. */
export async function emptyDatabase(db: Database): Promise<void> {
  const prisma = db.prisma;
  if (db.target.provider === "postgres") {
    // One statement: DELETE with the foreign-key triggers off for its transaction (the test user is
    // a superuser), then the id sequences restarted. TRUNCATE of every table took ~1 s here.
    await prisma.$executeRawUnsafe(`DO $$ DECLARE r record; BEGIN
      PERFORM set_config('session_replication_role', 'replica', true);
      FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' LOOP
        EXECUTE format('DELETE FROM %I', r.tablename);
      END LOOP;
      FOR r IN SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema() LOOP
        EXECUTE format('ALTER SEQUENCE %I RESTART', r.sequencename);
      END LOOP;
    END $$`);
    return;
  }
  const rows = await prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`,
  );
  const sequences = await prisma.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'sqlite_sequence'`);
  // Foreign keys are checked at the commit, when every table is empty.
  await prisma.$transaction([
    prisma.$executeRawUnsafe(`PRAGMA defer_foreign_keys = ON`),
    ...rows.map((r) => prisma.$executeRawUnsafe(`DELETE FROM "${r.name}"`)),
    ...(Number(sequences[0]?.n ?? 0) > 0 ? [prisma.$executeRawUnsafe(`DELETE FROM sqlite_sequence`)] : []),
  ]);
}
