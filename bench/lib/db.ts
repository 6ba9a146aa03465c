// Bench databases: a SQLite file in a temp folder, or a PostgreSQL database of our own
// (kundepuls_bench_<random>), migrated with Kundepuls' own runner and dropped afterwards.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import Sqlite from "better-sqlite3";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { applyMigrations } from "../../src/store/migrate.ts";
import { parseDatabaseUrl, type DatabaseTarget } from "../../src/store/database.ts";
import type { Dialect } from "../../src/store/sql.ts";
import { answerAt, TEAMS, TOUCHPOINTS } from "./data.ts";

export const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

export interface BenchDb {
  provider: Dialect;
  databaseUrl: string;
  target: DatabaseTarget;
  drop(): Promise<void>;
}

/** Temp folder for SQLite files and CSVs; BENCH_TMP=<dir> keeps them for inspection. */
export const tmpRoot = process.env.BENCH_TMP
  ? (fs.mkdirSync(process.env.BENCH_TMP, { recursive: true }), process.env.BENCH_TMP)
  : fs.mkdtempSync(path.join(os.tmpdir(), "kundepuls-bench-"));
if (!process.env.BENCH_TMP) process.once("exit", () => fs.rmSync(tmpRoot, { recursive: true, force: true }));

/** A new, migrated, empty database. */
export async function createBenchDb(provider: Dialect, label: string): Promise<BenchDb> {
  const id = crypto.randomBytes(4).toString("hex");
  let db: BenchDb;
  if (provider === "sqlite") {
    const file = path.join(tmpRoot, `${label}-${id}.db`);
    const databaseUrl = `file:${file}`;
    db = {
      provider, databaseUrl, target: parseDatabaseUrl(databaseUrl),
      drop: async () => ["", "-wal", "-shm"].forEach((s) => fs.rmSync(file + s, { force: true })),
    };
  } else {
    const name = `kundepuls_bench_${label.replace(/[^a-z0-9]/g, "_")}_${id}`;
    await adminQuery(`CREATE DATABASE "${name}"`);
    const url = new URL(POSTGRES_URL);
    url.pathname = `/${name}`;
    const databaseUrl = url.toString();
    db = { provider, databaseUrl, target: parseDatabaseUrl(databaseUrl), drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
  }
  await applyMigrations(db.target);
  return db;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Seeded rows are never re-delivered, so a cheap unique stand-in for the content hash will do. */
const seedRow = (seed: number, i: number, teams: string[]) => {
  const a = answerAt(seed, i);
  if (teams !== TEAMS) a.team = teams[i % teams.length]!;
  return { source: "seed", externalId: a.id, score: a.score, ces: a.ces, comment: a.comment, customerName: a.name, customerEmail: a.email,
    customerAccount: a.account, teamSlug: a.team, touchpoint: a.touchpoint, consentToShare: a.consent, answeredAt: a.answeredAt, contentHash: `seed-${seed}-${i}` };
};

const sqliteDate = (d: Date) => d.toISOString().replace("Z", "+00:00"); // the adapter's format
const pgDate = (d: Date) => d.toISOString().replace("T", " ").replace("Z", "");

/** Teams and touchpoints with the ids the seeding uses (1-based, in list order). */
async function seedDirectory(db: BenchDb, teams: string[]): Promise<void> {
  if (db.provider === "sqlite") {
    const s = new Sqlite(db.target.url);
    s.transaction(() => {
      teams.forEach((slug, i) => s.prepare(`INSERT INTO "Team"(id, slug, name) VALUES (?, ?, ?)`).run(i + 1, slug, slug));
      TOUCHPOINTS.forEach((name, i) => s.prepare(`INSERT INTO "Touchpoint"(id, name) VALUES (?, ?)`).run(i + 1, name));
    })();
    s.close();
    return;
  }
  const c = new pg.Client({ connectionString: db.databaseUrl });
  await c.connect();
  await c.query(`INSERT INTO "Team"(slug, name) SELECT s, s FROM unnest($1::text[]) WITH ORDINALITY AS t(s, i) ORDER BY i`, [teams]);
  await c.query(`INSERT INTO "Touchpoint"(name) SELECT s FROM unnest($1::text[]) WITH ORDINALITY AS t(s, i) ORDER BY i`, [TOUCHPOINTS]);
  await c.end();
}

/** Fills a fresh database with `count` answers fast (raw inserts; the seeding is not measured). */
export async function seedAnswers(db: BenchDb, seed: number, count: number, teams: string[] = TEAMS): Promise<void> {
  await seedDirectory(db, teams);
  const ids = new Map(teams.map((t, i) => [t, i + 1]));
  const teamId = (slug: string) => ids.get(slug)!;
  const tpId = (name: string) => TOUCHPOINTS.indexOf(name) + 1;
  const now = new Date();
  if (db.provider === "sqlite") {
    const s = new Sqlite(db.target.url);
    s.pragma("journal_mode = WAL");
    s.pragma("cache_size = -262144"); // 256 MB: the seeding is not what is measured
    // Bulk load without the secondary indexes, then build them from their own definitions.
    const indexes = (s.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Answer' AND sql IS NOT NULL`).all() as { name: string; sql: string }[]);
    for (const i of indexes) s.exec(`DROP INDEX "${i.name}"`);
    const insert = s.prepare(`INSERT INTO "Answer"(source, externalId, score, ces, comment, customerName, customerEmail, customerAccount,
      teamId, touchpointId, language, consentToShare, answeredAt, receivedAt, updatedAt, contentHash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`);
    const chunk = 50_000;
    for (let start = 0; start < count; start += chunk) {
      s.transaction(() => {
        for (let i = start; i < Math.min(count, start + chunk); i++) {
          const r = seedRow(seed, i, teams);
          insert.run(r.source, r.externalId, r.score, r.ces, r.comment, r.customerName, r.customerEmail, r.customerAccount,
            teamId(r.teamSlug), tpId(r.touchpoint), null, r.consentToShare ? 1 : 0, sqliteDate(r.answeredAt), sqliteDate(now), sqliteDate(now), r.contentHash);
        }
      })();
    }
    for (const i of indexes) s.exec(i.sql);
    s.exec("ANALYZE");
    s.close();
    return;
  }
  const c = new pg.Client({ connectionString: db.databaseUrl });
  await c.connect();
  try {
    const indexes = (await c.query<{ name: string; def: string }>(
      `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i JOIN pg_index x ON x.indexrelid = (quote_ident(i.indexname))::regclass
       WHERE i.tablename = 'Answer' AND NOT x.indisprimary AND NOT x.indisunique`,
    )).rows;
    for (const i of indexes) await c.query(`DROP INDEX "${i.name}"`);
    const copy = c.query(copyFrom(`COPY "Answer"(source, "externalId", score, ces, comment, "customerName", "customerEmail", "customerAccount",
      "teamId", "touchpointId", "consentToShare", "answeredAt", "receivedAt", "updatedAt", "contentHash") FROM STDIN`));
    await pipeline(Readable.from(copyLines(count, (i) => {
      const r = seedRow(seed, i, teams);
      return [r.source, r.externalId, r.score, r.ces, r.comment, r.customerName, r.customerEmail, r.customerAccount,
        teamId(r.teamSlug), tpId(r.touchpoint), r.consentToShare ? "t" : "f", pgDate(r.answeredAt), pgDate(now), pgDate(now), r.contentHash];
    })), copy);
    // The steady state of a busy table: autovacuum has run, so the visibility map allows
    // index-only scans (right after a bulk COPY it does not, and every count reads the heap).
    for (const i of indexes) await c.query(i.def);
    await c.query(`VACUUM (ANALYZE) "Answer"`);
  } finally {
    await c.end();
  }
}

/** COPY text format, in chunks of lines. */
export function* copyLines(count: number, row: (i: number) => (string | number | null)[]): Generator<string> {
  let buf = "";
  for (let i = 0; i < count; i++) {
    buf += row(i).map(copyCell).join("\t") + "\n";
    if (buf.length > 1 << 16) {
      yield buf;
      buf = "";
    }
  }
  if (buf) yield buf;
}

export function copyCell(v: string | number | null): string {
  if (v === null) return "\\N";
  return typeof v === "number" ? String(v) : v.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

/** Answers stored, counted directly in the database. */
export async function storedCount(db: BenchDb, source?: string): Promise<number> {
  if (db.provider === "sqlite") {
    const s = new Sqlite(db.target.url, { readonly: true });
    const row = (source ? s.prepare(`SELECT COUNT(*) n FROM "Answer" WHERE source = ?`).get(source) : s.prepare(`SELECT COUNT(*) n FROM "Answer"`).get()) as { n: number };
    s.close();
    return row.n;
  }
  const c = new pg.Client({ connectionString: db.databaseUrl });
  await c.connect();
  const res = await c.query<{ n: string }>(source ? `SELECT COUNT(*) n FROM "Answer" WHERE source = $1` : `SELECT COUNT(*) n FROM "Answer"`, source ? [source] : []);
  await c.end();
  return Number(res.rows[0]!.n);
}
