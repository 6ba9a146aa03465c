// Applies the committed migrations (prisma/<provider>/migrations/*/migration.sql) in order and
// records them in `_prisma_migrations` exactly as Prisma does, so `prisma migrate deploy` on a
// machine with Prisma's native engine sees them as applied. Prisma's CLI needs a downloaded
// engine for this; we need none. All pending migrations run in one transaction under a lock, so
// replicas starting together apply them once and a failure leaves nothing half-applied.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Sqlite from "better-sqlite3";
import { pgSearchPath, type DatabaseTarget } from "./database.ts";
import type { Dialect } from "./sql.ts";

export interface MigrationFile {
  name: string;
  sql: string;
  /** sha256 of migration.sql, hex — Prisma's checksum */
  checksum: string;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

const PRISMA_DIR = fileURLToPath(new URL("../../prisma/", import.meta.url));

export function migrationsDir(provider: Dialect): string {
  return path.join(PRISMA_DIR, provider, "migrations");
}

export function readMigrations(provider: Dialect, dir = migrationsDir(provider)): MigrationFile[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = fs.readFileSync(path.join(dir, name, "migration.sql"));
      return { name, sql: bytes.toString("utf8"), checksum: crypto.createHash("sha256").update(bytes).digest("hex") };
    });
}

export interface AppliedRow {
  migration_name: string;
  checksum: string;
}

/** Which migrations still need to run; refuses a history that was edited after it was applied. */
export function pendingMigrations(all: MigrationFile[], applied: AppliedRow[]): MigrationFile[] {
  const byName = new Map(all.map((m) => [m.name, m]));
  for (const row of applied) {
    const file = byName.get(row.migration_name);
    if (!file) throw new Error(`database has migration "${row.migration_name}", which is not in ${"prisma/"}: is this an older Kundepuls?`);
    if (file.checksum !== row.checksum)
      throw new Error(`migration "${row.migration_name}" was changed after it was applied; restore the original file`);
  }
  const done = new Set(applied.map((r) => r.migration_name));
  return all.filter((m) => !done.has(m.name));
}

export async function applyMigrations(target: DatabaseTarget, files = readMigrations(target.provider)): Promise<MigrationReport> {
  return target.provider === "sqlite" ? applySqlite(target.url, files) : applyPostgres(target, files);
}

const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

const POSTGRES_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export const APPLIED_QUERY = `SELECT migration_name, checksum FROM "_prisma_migrations"
  WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY started_at, migration_name`;

/** A migration Prisma recorded as started but never finished (and not rolled back): it failed. */
const FAILED_QUERY = `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NULL AND rolled_back_at IS NULL`;

function refuseFailed(rows: { migration_name: string }[]): void {
  if (rows.length > 0)
    throw new Error(
      `migration "${rows[0]!.migration_name}" failed earlier and is recorded as failed; fix the database, then mark it with \`prisma migrate resolve\` before migrating again`,
    );
}

function applySqlite(file: string, files: MigrationFile[]): MigrationReport {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Sqlite(file, { timeout: 30_000 });
  try {
    db.pragma("journal_mode = WAL");
    // IMMEDIATE takes the write lock first, so two processes cannot both see "pending".
    db.exec("BEGIN IMMEDIATE");
    try {
      db.exec(SQLITE_TABLE);
      refuseFailed(db.prepare(FAILED_QUERY).all() as { migration_name: string }[]);
      const pending = pendingMigrations(files, db.prepare(APPLIED_QUERY).all() as AppliedRow[]);
      const record = db.prepare(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
         VALUES (?, ?, ?, ?, ?, 1)`,
      );
      for (const m of pending) {
        const startedAt = Date.now();
        db.exec(m.sql);
        // Prisma's SQLite engine stores these timestamps as Unix milliseconds.
        record.run(crypto.randomUUID(), m.checksum, Date.now(), m.name, startedAt);
      }
      db.exec("COMMIT");
      return { applied: pending.map((m) => m.name), alreadyApplied: files.length - pending.length };
    } catch (error) {
      db.exec("ROLLBACK");
      throw error;
    }
  } finally {
    db.close();
  }
}

/** Any constant: the advisory lock that serialises migrating replicas. */
const MIGRATION_LOCK_KEY = 727_0_2026;

async function applyPostgres(target: DatabaseTarget, files: MigrationFile[]): Promise<MigrationReport> {
  const { default: pg } = await import("pg"); // only PostgreSQL installs pay for the driver
  const client = new pg.Client({ connectionString: target.url, ...pgSearchPath(target.schema) });
  await client.connect();
  try {
    await client.query("BEGIN");
    try {
      await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK_KEY]);
      if (target.schema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${target.schema}"`);
      await client.query(POSTGRES_TABLE);
      refuseFailed((await client.query<{ migration_name: string }>(FAILED_QUERY)).rows);
      const applied = await client.query<AppliedRow>(APPLIED_QUERY);
      const pending = pendingMigrations(files, applied.rows);
      for (const m of pending) {
        const startedAt = new Date();
        await client.query(m.sql);
        // Both timestamps from our clock, per migration, as Prisma writes them (now() would be
        // the transaction's start: the same for all and earlier than started_at).
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, $3, $4, $5, 1)`,
          [crypto.randomUUID(), m.checksum, new Date(), m.name, startedAt],
        );
      }
      await client.query("COMMIT");
      return { applied: pending.map((m) => m.name), alreadyApplied: files.length - pending.length };
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
  } finally {
    await client.end();
  }
}
