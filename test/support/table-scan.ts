// Reads every row of every table the database catalogue lists (not a hand-made list: a table added
// later is scanned too) and reports each text value that contains one of the needles.
import type { Database } from "../../src/store/database.ts";

export interface Finding {
  table: string;
  column: string;
  needle: string;
}

export async function tableNames(db: Database): Promise<string[]> {
  const sql = db.target.provider === "sqlite"
    ? `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
    : `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`;
  const rows = await db.prisma.$queryRawUnsafe<{ name: string }[]>(sql);
  return rows.map((r) => r.name).sort();
}

/** Every text value of every row of every table, searched for the needles (case-insensitively). */
export async function findInAllTables(db: Database, needles: string[]): Promise<Finding[]> {
  const lower = needles.map((n) => n.toLowerCase());
  const findings: Finding[] = [];
  for (const table of await tableNames(db)) {
    const rows = await db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${table}"`);
    for (const row of rows)
      for (const [column, value] of Object.entries(row)) {
        if (typeof value !== "string") continue;
        const text = value.toLowerCase();
        lower.forEach((n, i) => text.includes(n) && findings.push({ table, column, needle: needles[i]! }));
      }
  }
  return findings;
}
